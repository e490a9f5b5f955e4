namespace Letta.Plugins.Tasks.Options;

/// <summary>Works out the task folder from the settings and the platform.</summary>
internal static class TaskFolderResolver
{
    /// <summary>iCloud Drive's folder for the board on macOS, relative to the user's home.</summary>
    public const string ICloudRelative = "Library/Mobile Documents/com~apple~CloudDocs/Windsurf Workspace/task_management";

    public static string Resolve(string? configured, string lettaHome)
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            string f = configured.Trim();
            if (f == "~" || f.StartsWith("~/", StringComparison.Ordinal))
            {
                f = Path.Combine(home, f.Length > 2 ? f[2..] : "");
            }

            return Path.GetFullPath(f, lettaHome);
        }

        if (OperatingSystem.IsMacOS() && home.Length > 0)
        {
            string icloud = Path.Combine(home, ICloudRelative);
            if (Directory.Exists(icloud))
            {
                return icloud;
            }
        }

        return Path.Combine(lettaHome, "cloud", "task_management");
    }
}
