namespace Letta.Plugins.Sync.Engine.Persistence;

/// <summary>
/// How a <see cref="StateRow"/>'s hashes are stored in <c>files</c>: <c>blob</c> and <c>l_sha</c> almost always equal
/// <c>sha</c>, so they are stored as NULL then ("same as sha"), which keeps a row (and every page SQLite writes
/// for it) a third smaller. A local hash that is absent while <c>sha</c> is not is stored as <c>''</c>.
/// </summary>
/// <remarks>
/// Rows written before this encoding hold <c>l_sha</c> NULL for "no local hash"; they read back as "same as sha",
/// which is harmless: such rows were written with <c>l_size = -1</c>, and a cache with that size never matches a stat.
/// </remarks>
internal static class StateRowEncoding
{
    public static string? BlobColumn(StateRow row) => row.Blob == row.Sha ? null : row.Blob;

    public static string? LocalShaColumn(StateRow row) =>
        row.LocalSha is null ? (row.Sha is null ? null : "")
        : row.LocalSha == row.Sha ? null
        : row.LocalSha;

    public static string? ReadBlob(string? column, string? sha) => column ?? sha;

    public static string? ReadLocalSha(string? column, string? sha) =>
        column is null ? sha : column.Length == 0 ? null : column;
}
