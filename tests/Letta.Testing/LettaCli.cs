using System.Diagnostics;

namespace Letta.Testing;

/// <summary>Runs the real <c>letta</c> CLI against a <see cref="LettaHostProcess"/>, with a time-out.</summary>
public static class LettaCli
{
    /// <summary>Runs <c>letta &lt;args&gt;</c> with the host's home and URL; returns the exit code and stdout + stderr.</summary>
    /// <param name="host">The server the CLI talks to.</param>
    /// <param name="args">The command line after <c>letta</c>.</param>
    /// <returns>The exit code and everything printed.</returns>
    public static async Task<(int Code, string Output)> RunAsync(LettaHostProcess host, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(host);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepoPaths.HostAssembly);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["LETTA_HOME"] = host.HomeDirectory;
        start.Environment["LETTA_URL"] = host.BaseAddress.ToString();
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"letta {string.Join(' ', args)} did not finish within 60 s");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
