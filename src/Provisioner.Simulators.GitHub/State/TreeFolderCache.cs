namespace Provisioner.Simulators.GitHub.State;

/// <summary>
/// The folder SHAs of the trees hashed last, so that a commit or a merge on top of one of them hashes
/// only the folders it changes (<see cref="GitObjects.TreeShas(IReadOnlyDictionary{string, TreeFile}, IReadOnlyDictionary{string, string}, IEnumerable{string}?)"/>).
/// A few trees are enough: commits and merges build on a branch's tip. Used under the state's lock.
/// </summary>
internal sealed class TreeFolderCache
{
    private const int Capacity = 8;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> folders = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    /// <summary>The folder SHAs of <paramref name="treeSha"/>, whose files are <paramref name="files"/>: remembered, or hashed now.</summary>
    public IReadOnlyDictionary<string, string> Of(string treeSha, IReadOnlyDictionary<string, TreeFile> files) =>
        folders.TryGetValue(treeSha, out var known) ? known : Remember(treeSha, GitObjects.TreeShas(files).FolderShas);

    /// <summary>Remembers a tree's folder SHAs, forgetting the oldest beyond a few.</summary>
    public IReadOnlyDictionary<string, string> Remember(string treeSha, IReadOnlyDictionary<string, string> folderShas)
    {
        if (folders.TryAdd(treeSha, folderShas))
        {
            order.Enqueue(treeSha);
            if (order.Count > Capacity)
            {
                folders.Remove(order.Dequeue());
            }
        }

        return folderShas;
    }
}
