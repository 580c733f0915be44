"""Drives the Jenkins simulator with python-jenkins (Debian's python3-jenkins), unchanged.

Usage: python3 python_jenkins_check.py URL USER TOKEN
Prints one JSON object with what each call returned; exits non-zero on the first call that fails.
"""
import json
import sys
import time

import jenkins

url, user, token = sys.argv[1:4]
server = jenkins.Jenkins(url, username=user, password=token, timeout=30)
seen = {}


def wait_for(what, look, done, deadline=60):
    until = time.monotonic() + deadline
    while True:
        value = look()
        if done(value):
            return value
        if time.monotonic() > until:
            raise AssertionError("timed out waiting for %s; last seen %r" % (what, value))
        time.sleep(0.1)


PIPELINE = """<?xml version='1.0' encoding='UTF-8'?>
<flow-definition>
  <description>checked by python-jenkins</description>
  <properties>
    <hudson.model.ParametersDefinitionProperty>
      <parameterDefinitions>
        <hudson.model.StringParameterDefinition>
          <name>PROVISION_ID</name>
          <defaultValue></defaultValue>
        </hudson.model.StringParameterDefinition>
        %s
      </parameterDefinitions>
    </hudson.model.ParametersDefinitionProperty>
  </properties>
  <definition class="org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition">
    <scm class="hudson.plugins.git.GitSCM">
      <userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><url>https://github.com/contoso/sites.git</url></hudson.plugins.git.UserRemoteConfig></userRemoteConfigs>
      <branches><hudson.plugins.git.BranchSpec><name>*/main</name></hudson.plugins.git.BranchSpec></branches>
    </scm>
    <scriptPath>sites/shop.example.com/Jenkinsfile</scriptPath>
    <lightweight>true</lightweight>
  </definition>
</flow-definition>"""
GIT_COMMIT = """<hudson.model.StringParameterDefinition><name>GIT_COMMIT</name><defaultValue>HEAD</defaultValue></hudson.model.StringParameterDefinition>"""

seen["whoami"] = server.get_whoami()["id"]
seen["version"] = server.get_version()
seen["exists_before"] = bool(server.job_exists("sites/shop"))
server.create_job("sites", jenkins.EMPTY_FOLDER_XML)
seen["is_folder"] = server.is_folder("sites")
server.create_job("sites/shop", PIPELINE % "")
seen["exists_after"] = bool(server.job_exists("sites/shop"))
try:
    server.create_job("sites/shop", PIPELINE % "")
    seen["duplicate_refused"] = False
except jenkins.JenkinsException:
    seen["duplicate_refused"] = True
server.reconfig_job("sites/shop", PIPELINE % GIT_COMMIT)
config = server.get_job_config("sites/shop")
seen["config_has_git_commit"] = "<name>GIT_COMMIT</name>" in config
seen["config_declaration"] = config.splitlines()[0]
info = server.get_job_info("sites/shop")
seen["job_class"] = info["_class"]
seen["declared"] = [d["name"] for p in info["property"] for d in p.get("parameterDefinitions", [])]

number = server.build_job("sites/shop", {"PROVISION_ID": "prov-py", "UNDECLARED": "x"})
seen["queue_number"] = number
item = wait_for("the build to start", lambda: server.get_queue_item(number), lambda i: i.get("executable"))
seen["queue_item_class"] = item["_class"]
build_number = item["executable"]["number"]
build = wait_for("the build to finish", lambda: server.get_build_info("sites/shop", build_number), lambda b: not b["building"])
seen["result"] = build["result"]
seen["build_url"] = build["url"]
seen["parameters"] = {p["name"]: p["value"] for a in build["actions"] for p in a.get("parameters", [])}
seen["console_last_line"] = server.get_build_console_output("sites/shop", build_number).splitlines()[-1]
seen["jobs"] = sorted(j["fullname"] for j in server.get_jobs(folder_depth=None))
seen["all_jobs_shallow"] = sorted(j["fullname"] for j in server.get_all_jobs(folder_depth_per_request=1))
seen["queue"] = server.get_queue_info()

waiting = server.build_job("sites/shop", {"PROVISION_ID": "prov-later", "delay": "600sec"})
seen["waiting_why"] = server.get_queue_info()[0]["why"]
try:
    server.cancel_queue(waiting)
    seen["cancel_answer"] = "accepted"
except jenkins.EmptyResponseException:
    # Jenkins answers 204 No Content, without Content-Length, since JENKINS-21311; python-jenkins 1.4 calls that an empty response.
    seen["cancel_answer"] = "204 without a body"
seen["cancelled"] = server.get_queue_item(waiting)["cancelled"]

long_number = server.build_job("sites/shop", {"PROVISION_ID": "prov-long"})
long_build = wait_for("the long build to start", lambda: server.get_queue_item(long_number), lambda i: i.get("executable"))["executable"]["number"]
server.stop_build("sites/shop", long_build)
seen["stopped"] = wait_for("the long build to stop", lambda: server.get_build_info("sites/shop", long_build), lambda b: not b["building"])["result"]
server.delete_job("sites/shop")
seen["exists_after_delete"] = bool(server.job_exists("sites/shop"))

print(json.dumps(seen))
