namespace Provisioner.Simulators.Kubernetes;

/// <summary>The kubeconfig that points a client at a simulator: its URL and certificate authority, its token and the default namespace.</summary>
internal static class Kubeconfig
{
    public const string ContextName = "provisioner-simulator";

    public static string Render(Uri server, string certificateAuthorityPem, string token, string namespaceName) => $$"""
        apiVersion: v1
        kind: Config
        clusters:
          - name: {{ContextName}}
            cluster:
              server: {{server.GetLeftPart(UriPartial.Authority)}}
              certificate-authority-data: {{Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificateAuthorityPem))}}
        users:
          - name: provisioner
            user:
              token: {{token}}
        contexts:
          - name: {{ContextName}}
            context:
              cluster: {{ContextName}}
              user: provisioner
              namespace: {{namespaceName}}
        current-context: {{ContextName}}
        preferences: {}

        """;
}
