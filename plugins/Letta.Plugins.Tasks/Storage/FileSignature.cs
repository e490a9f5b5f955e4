namespace Letta.Plugins.Tasks.Storage;

/// <summary>
/// Size and modification time of a file as last read or written. A rename over the file (ours or a cloud
/// client's) changes it; 100 ns mtime resolution makes an accidental match practically impossible.
/// </summary>
internal readonly record struct FileSignature(bool Exists, long Length, long LastWriteTicks)
{
    public static FileSignature None { get; } = new(false, 0, 0);

    public static FileSignature Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileSignature(true, info.Length, info.LastWriteTimeUtc.Ticks) : None;
    }
}
