using Provisioner.Simulators.GitHub.State;

namespace Provisioner.GitHub.Tests.Simulator;

/// <summary>
/// Hashing a tree again from a known one, at the paths that changed, gives exactly the SHAs of
/// hashing it whole: the root, and every folder's (none missing, none stale).
/// </summary>
public sealed class TreeHashingTests
{
    private static readonly Dictionary<string, TreeFile> Before = new(StringComparer.Ordinal)
    {
        ["README.md"] = File("readme"),
        ["sites/a.example.com/Jenkinsfile"] = File("a-jenkins"),
        ["sites/a.example.com/site/index.html"] = File("a-index"),
        ["sites/a.example.com/k8s/deployment.yaml"] = File("a-deploy"),
        ["sites/b.example.com/Jenkinsfile"] = File("b-jenkins"),
        ["sites/b.example.com/site/index.html"] = File("b-index"),
        ["sites/c.example.com/only.txt"] = File("c-only"),
    };

    public static TheoryData<string, string[], string[]> Changes => new()
    {
        { "a new site", ["sites/d.example.com/Jenkinsfile", "sites/d.example.com/site/index.html"], [] },
        { "a changed file", ["sites/a.example.com/site/index.html"], [] },
        { "a file at the root", ["LICENSE"], [] },
        { "a removed file", [], ["sites/a.example.com/k8s/deployment.yaml"] },
        { "a folder's last file removed", [], ["sites/c.example.com/only.txt"] },
        { "both, in several folders", ["sites/b.example.com/site/about.html", "sites/e.example.com/x/y/z.txt"], ["README.md", "sites/a.example.com/Jenkinsfile"] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Hashing_only_the_changed_folders_gives_the_SHAs_of_hashing_the_whole_tree(string what, string[] written, string[] removed)
    {
        var known = GitObjects.TreeShas(Before).FolderShas;
        var after = new Dictionary<string, TreeFile>(Before, StringComparer.Ordinal);
        foreach (var path in written)
        {
            after[path] = File(what + path);
        }

        foreach (var path in removed)
        {
            after.Remove(path);
        }

        var whole = GitObjects.TreeShas(after);
        var incremental = GitObjects.TreeShas(after, known, written.Concat(removed));

        Assert.Equal(whole.RootSha, incremental.RootSha);
        Assert.Equal(whole.FolderShas.OrderBy(f => f.Key, StringComparer.Ordinal), incremental.FolderShas.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.NotEqual(GitObjects.TreeShas(Before).RootSha, incremental.RootSha);
    }

    private static TreeFile File(string content) => new("100644", GitObjects.BlobSha(System.Text.Encoding.UTF8.GetBytes(content)));
}
