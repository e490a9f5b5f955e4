namespace Letta.Testing;

/// <summary>Copies a published plugin folder (or any tree).</summary>
public static class DirectoryCopy
{
    /// <summary>Copies every file under <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void Copy(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"{source} does not exist; build the solution so the plugin is published there.");
        }

        Directory.CreateDirectory(destination);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
