using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Simulators.GitHub.State;

/// <summary>Git object ids computed as git does (SHA-1 over "type size\0body"), so SHAs look and behave like GitHub's.</summary>
internal static class GitObjects
{
    public static string BlobSha(byte[] content) => Hash("blob", content);

    public static string CommitSha(string treeSha, IReadOnlyList<string> parents, string author, DateTimeOffset when, string message)
    {
        var stamp = $"{when.ToUnixTimeSeconds()} +0000";
        var text = new StringBuilder().Append("tree ").Append(treeSha).Append('\n');
        foreach (var parent in parents)
        {
            text.Append("parent ").Append(parent).Append('\n');
        }

        text.Append($"author {author} <{author}@users.noreply.github.com> {stamp}\n");
        text.Append($"committer {author} <{author}@users.noreply.github.com> {stamp}\n\n");
        text.Append(message);
        return Hash("commit", Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Hashes a flat path map as nested git trees; returns the root tree's SHA and every sub-tree's SHA by folder.</summary>
    public static (string RootSha, IReadOnlyDictionary<string, string> FolderShas) TreeShas(IReadOnlyDictionary<string, TreeFile> files)
    {
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        var root = HashFolder(string.Empty, files, folders);
        return (root, folders);
    }

    private static string HashFolder(string folder, IReadOnlyDictionary<string, TreeFile> files, Dictionary<string, string> folders)
    {
        var prefix = folder.Length == 0 ? string.Empty : folder + "/";
        var entries = new List<(string SortKey, string Name, string Mode, string Sha)>();
        var subFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, file) in files)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = path[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                entries.Add((rest, rest, file.Mode, file.BlobSha));
            }
            else
            {
                subFolders.Add(rest[..slash]);
            }
        }

        foreach (var name in subFolders)
        {
            var sha = HashFolder(prefix + name, files, folders);
            // Git sorts a tree entry as if its name ended with '/'.
            entries.Add((name + "/", name, "40000", sha));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.SortKey, b.SortKey));
        using var body = new MemoryStream();
        foreach (var entry in entries)
        {
            body.Write(Encoding.UTF8.GetBytes($"{entry.Mode} {entry.Name}\0"));
            body.Write(Convert.FromHexString(entry.Sha));
        }

        var treeSha = Hash("tree", body.ToArray());
        folders[folder] = treeSha;
        return treeSha;
    }

    private static string Hash(string type, byte[] body)
    {
        var header = Encoding.ASCII.GetBytes($"{type} {body.Length}\0");
        var all = new byte[header.Length + body.Length];
        header.CopyTo(all, 0);
        body.CopyTo(all, header.Length);
        return Convert.ToHexStringLower(SHA1.HashData(all));
    }
}
