namespace Letta.Plugins.Shared;

/// <summary>
/// Every file a first-party plugin writes for itself is 0600 and every folder it creates 0700, whatever the umask
/// (state, locks, caches, last good copies, and the folders it makes in a cloud drive). Compiled into each plugin
/// from this one file: plugins share no assembly but <c>Letta.Abstractions</c>.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Options for a file opened with <paramref name="mode"/>; one it creates gets mode 0600.</summary>
    public static FileStreamOptions Options(System.IO.FileMode mode, FileAccess access, FileShare share, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        var result = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize, Options = options };
        if (!OperatingSystem.IsWindows() && mode is System.IO.FileMode.CreateNew or System.IO.FileMode.Create or System.IO.FileMode.OpenOrCreate)
        {
            result.UnixCreateMode = FileMode;
        }

        return result;
    }

    /// <summary>Creates a folder and its missing parents, each 0700; an existing folder keeps its mode.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (Directory.Exists(path))
        {
            return;
        }

        // Each missing level is made 0700 itself: CreateDirectory(path, mode) would give new parents the umask's mode.
        string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is not null)
        {
            CreateDirectory(parent);
        }

        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Writes a new or replaced file with mode 0600 (a replaced file is narrowed too).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using (var stream = new FileStream(path, Options(System.IO.FileMode.Create, FileAccess.Write, FileShare.None)))
        {
            stream.Write(bytes);
        }

        Narrow(path);
    }

    /// <summary>Copies a file and narrows the copy to 0600 (a copy keeps its source's mode).</summary>
    public static void Copy(string source, string destination, bool overwrite = false)
    {
        File.Copy(source, destination, overwrite);
        Narrow(destination);
    }

    /// <summary>Narrows a file to 0600.</summary>
    public static void Narrow(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}
