using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Letta.Testing;

/// <summary>
/// The real <c>letta</c> executable in its own process, on a free loopback port, with its own <c>$LETTA_HOME</c>
/// and plugins folder. Tests talk to it over real HTTP with its API key.
/// </summary>
public sealed partial class LettaHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly List<string> _ownedDirectories;

    private LettaHostProcess(Process process, StringBuilder output, Uri baseAddress, string home, string pluginsDirectory, List<string> ownedDirectories)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        HomeDirectory = home;
        PluginsDirectory = pluginsDirectory;
        _ownedDirectories = ownedDirectories;
    }

    /// <summary>The server's root URL, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host's <c>$LETTA_HOME</c>.</summary>
    public string HomeDirectory { get; }

    /// <summary>The host's plugins folder.</summary>
    public string PluginsDirectory { get; }

    /// <summary>The API key the host created in its home.</summary>
    public string ApiKey => File.ReadAllText(Path.Combine(HomeDirectory, "api-key")).Trim();

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the host wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host and waits until <c>/health</c> answers.</summary>
    public static async Task<LettaHostProcess> StartAsync(LettaHostOptions options, CancellationToken cancellationToken = default)
    {
        var owned = new List<string>();
        string home = options.HomeDirectory ?? Own(owned, TempDirectory("letta-home-"));
        string pluginsDirectory = options.PluginsDirectory ?? Own(owned, TempDirectory("letta-plugins-"));
        foreach (string id in options.PluginIds)
        {
            DirectoryCopy.Copy(Path.Combine(RepoPaths.PluginsArtifacts, id), Path.Combine(pluginsDirectory, id));
        }

        foreach (string id in options.TestPluginIds)
        {
            DirectoryCopy.Copy(Path.Combine(RepoPaths.TestPluginsArtifacts, id), Path.Combine(pluginsDirectory, id));
        }

        string pluginsConfig = Path.Combine(home, "plugins.json");
        if (options.PluginsJson is not null)
        {
            Directory.CreateDirectory(home);
            await File.WriteAllTextAsync(pluginsConfig, options.PluginsJson, cancellationToken).ConfigureAwait(false);
        }

        int port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { RepoPaths.HostAssembly, "serve", "--urls", $"http://127.0.0.1:{port}", "--plugins-dir", pluginsDirectory })
        {
            start.ArgumentList.Add(arg);
        }

        if (options.PluginsJson is not null)
        {
            start.ArgumentList.Add("--plugins-config");
            start.ArgumentList.Add(pluginsConfig);
        }

        start.Environment["LETTA_HOME"] = home;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string key, string value) in options.Environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new LettaHostProcess(process, output, new Uri($"http://127.0.0.1:{port}/"), home, pluginsDirectory, owned);
        try
        {
            await host.WaitUntilServingAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The caller never gets the host to dispose: stop it and remove its temp folders here.
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>An <see cref="HttpClient"/> on the server with the API key set.</summary>
    public HttpClient CreateClient(bool withApiKey = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if (withApiKey)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        }

        return client;
    }

    /// <summary>Kills the process with SIGKILL, as a crash or power cut would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Asks the host to stop (SIGTERM) and waits for it; kills it after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            _ = SendSignal(_process.Id, 15);
        }

        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>Stops the host and removes the temp folders this instance made.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
        foreach (string directory in _ownedDirectories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder must not fail the test that owned it.
            }
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                // The exit can be seen before the asynchronous readers have delivered the last lines; the
                // parameterless wait returns only once both redirected streams reached their end.
                _process.WaitForExit();
                throw new InvalidOperationException($"letta exited with code {_process.ExitCode} before serving. Output:\n{Output}");
            }

            try
            {
                using HttpResponseMessage response = await client.GetAsync("health", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        Kill();
        throw new TimeoutException($"letta did not serve /health within {timeout}. Output:\n{Output}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Own(List<string> owned, string directory)
    {
        owned.Add(directory);
        return directory;
    }

    private static string TempDirectory(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
