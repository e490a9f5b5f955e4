using System.Diagnostics;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>
/// The tools a user would otherwise reach for, run on the same tree in the same run: <c>cp -a</c> (the copy floor),
/// Unison and rclone bisync between the tree and an empty folder (one-step peers: they copy once where Letta copies
/// into the cloud folder and out again).
/// </summary>
internal static class Peers
{
    public static bool Available(string tool) => Run("sh", ["-c", $"command -v {tool}"], quiet: true).Code == 0;

    public static TimeSpan CopyFloor(string tree, string target) => Timed("cp", ["-a", tree, target]);

    /// <summary>Unison in batch mode, archives kept under <paramref name="unisonHome"/>.</summary>
    public static TimeSpan Unison(string tree, string replica, string unisonHome) =>
        Timed("unison", [tree, replica, "-batch", "-auto", "-silent", "-confirmbigdel=false", "-times", "-perms", "0"], ("UNISON", unisonHome));

    /// <summary>rclone bisync between two local folders (the first run needs <c>--resync</c>).</summary>
    public static TimeSpan RcloneBisync(string tree, string replica, string workDir, bool first) =>
        Timed("rclone", first
            ? ["bisync", tree, replica, "--resync", "--workdir", workDir, "--config", "/dev/null", "-q"]
            : ["bisync", tree, replica, "--workdir", workDir, "--config", "/dev/null", "-q"]);

    private static TimeSpan Timed(string tool, string[] args, params (string Key, string Value)[] environment)
    {
        var sw = Stopwatch.StartNew();
        (int code, string output) = Run(tool, args, quiet: false, environment);
        if (code != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({code}): {output}");
        }

        return sw.Elapsed;
    }

    private static (int Code, string Output) Run(string tool, string[] args, bool quiet, params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        string output = stdout.Result + stderr.Result;
        return (p.ExitCode, quiet ? "" : output);
    }
}
