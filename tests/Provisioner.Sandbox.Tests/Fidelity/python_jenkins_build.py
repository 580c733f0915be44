"""Reads one build of the sandbox's Jenkins with python-jenkins (Debian's python3-jenkins), unchanged.

Usage: python3 python_jenkins_build.py URL USER TOKEN JOB NUMBER
Prints one JSON object with what python-jenkins saw; exits non-zero when a call fails.
"""
import json
import sys

import jenkins

url, user, token, job, number = sys.argv[1:6]
server = jenkins.Jenkins(url, username=user, password=token, timeout=30)
info = server.get_build_info(job, int(number))
parameters = {}
for action in info.get("actions", []):
    for parameter in (action or {}).get("parameters", []):
        parameters[parameter["name"]] = parameter["value"]
print(json.dumps({
    "whoami": server.get_whoami()["id"],
    "result": info["result"],
    "building": info["building"],
    "url": info["url"],
    "parameters": parameters,
    "console": server.get_build_console_output(job, int(number)),
    "last_build": server.get_job_info(job)["lastBuild"]["number"],
}))
