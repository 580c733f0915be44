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
    public static (string RootSha, IReadOnlyDictionary<string, string> FolderShas) TreeShas(IReadOnlyDictionary<string, TreeFile> files) =>
        TreeShas(files, new Dictionary<string, string>(StringComparer.Ordinal), changedPaths: null);

    /// <summary>
    /// As <see cref="TreeShas(IReadOnlyDictionary{string, TreeFile})"/> for a path map that differs from a tree whose
    /// folder SHAs are <paramref name="known"/> only at <paramref name="changedPaths"/> (added, changed or removed files):
    /// only the folders above a changed path are hashed again, as git reuses the sub-trees a commit leaves alone. A merge
    /// or a commit into a repository of a thousand sites hashed every one of its folders.
    /// </summary>
    public static (string RootSha, IReadOnlyDictionary<string, string> FolderShas) TreeShas(
        IReadOnlyDictionary<string, TreeFile> files, IReadOnlyDictionary<string, string> known, IEnumerable<string>? changedPaths)
    {
        // Each folder's own entries, gathered in one pass: scanning every file once per folder made a
        // merge into a repository of a few hundred sites take tens of milliseconds.
        var entries = new Dictionary<string, List<(string Name, TreeFile? File)>>(StringComparer.Ordinal) { [string.Empty] = [] };
        foreach (var (path, file) in files)
        {
            var folder = string.Empty;
            var names = path.Split('/');
            foreach (var name in names[..^1])
            {
                var subFolder = folder.Length == 0 ? name : folder + "/" + name;
                if (!entries.ContainsKey(subFolder))
                {
                    entries[subFolder] = [];
                    entries[folder].Add((name, null));
                }

                folder = subFolder;
            }

            entries[folder].Add((names[^1], file));
        }

        HashSet<string>? dirty = null;
        if (changedPaths is not null)
        {
            dirty = new HashSet<string>(StringComparer.Ordinal) { string.Empty };
            foreach (var path in changedPaths)
            {
                for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
                {
                    dirty.Add(path[..slash]);
                }
            }
        }

        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        var root = HashFolder(string.Empty, entries, folders, folder => dirty is null || dirty.Contains(folder) ? null : known.GetValueOrDefault(folder));
        return (root, folders);
    }

    private static string HashFolder(string folder, Dictionary<string, List<(string Name, TreeFile? File)>> entries, Dictionary<string, string> folders, Func<string, string?> unchanged)
    {
        var tree = entries[folder]
            .Select(entry => entry.File is { } file
                ? (SortKey: entry.Name, entry.Name, file.Mode, Sha: file.BlobSha)
                // Git sorts a tree entry as if its name ended with '/'.
                : (SortKey: entry.Name + "/", entry.Name, Mode: "40000", Sha: SubFolder(folder.Length == 0 ? entry.Name : folder + "/" + entry.Name, entries, folders, unchanged)))
            .ToList();
        tree.Sort((a, b) => string.CompareOrdinal(a.SortKey, b.SortKey));
        using var body = new MemoryStream();
        foreach (var entry in tree)
        {
            body.Write(Encoding.UTF8.GetBytes($"{entry.Mode} {entry.Name}\0"));
            body.Write(Convert.FromHexString(entry.Sha));
        }

        var treeSha = Hash("tree", body.ToArray());
        folders[folder] = treeSha;
        return treeSha;
    }

    /// <summary>A sub-folder's SHA: the known one when nothing below it changed (with the known SHAs of the folders inside it), else hashed.</summary>
    private static string SubFolder(string folder, Dictionary<string, List<(string Name, TreeFile? File)>> entries, Dictionary<string, string> folders, Func<string, string?> unchanged)
    {
        if (unchanged(folder) is not { } sha)
        {
            return HashFolder(folder, entries, folders, unchanged);
        }

        folders[folder] = sha;
        foreach (var (name, file) in entries[folder])
        {
            if (file is null)
            {
                SubFolder(folder + "/" + name, entries, folders, unchanged);
            }
        }

        return sha;
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
