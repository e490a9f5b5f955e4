using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Letta.Testing.Postgres;

/// <summary>
/// A PostgreSQL server for tests. When <c>LETTA_TEST_POSTGRES</c> holds a connection string, that server is used
/// and each <see cref="CreateDatabaseAsync"/> makes a fresh database on it (dropped on dispose). Otherwise a
/// throw-away cluster is made from the machine's binaries: a temp directory owned by the unprivileged
/// <c>postgres</c> user (when running as root), a free loopback port, trust auth on 127.0.0.1 only; on dispose it
/// is stopped with <c>pg_ctl stop -m immediate</c> and the directory removed. With neither, starting fails with
/// a message saying what to install — PostgreSQL tests never skip silently.
/// </summary>
public sealed class TempPostgresCluster : IAsyncDisposable
{
    /// <summary>The environment variable naming an existing server (an Npgsql connection string).</summary>
    public const string EnvironmentVariable = "LETTA_TEST_POSTGRES";

    private readonly string? _binDirectory;
    private readonly string? _rootDirectory;
    private readonly bool _asPostgresUser;
    private readonly List<string> _databases = [];
    private int _disposed;

    private TempPostgresCluster(string adminConnectionString, string? binDirectory, string? rootDirectory, bool asPostgresUser)
    {
        AdminConnectionString = adminConnectionString;
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>A connection string to the server's maintenance database with rights to create databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Whether the server is an external one named by <see cref="EnvironmentVariable"/>.</summary>
    public bool IsExternal => _rootDirectory is null;

    /// <summary>The server's log file (own clusters only).</summary>
    public string? LogFile => _rootDirectory is null ? null : Path.Combine(_rootDirectory, "server.log");

    /// <summary>Uses the server named by <see cref="EnvironmentVariable"/>, or starts a throw-away cluster.</summary>
    public static async Task<TempPostgresCluster> StartAsync(TempPostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TempPostgresOptions();
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var cluster = new TempPostgresCluster(external, null, null, false);
            await cluster.WaitForServerAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            return cluster;
        }

        var bin = PostgresBinaries.FindBinDirectory() ?? throw new InvalidOperationException(
            $"PostgreSQL tests need a server: no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin, and {EnvironmentVariable} is not set. " +
            "Install Debian's `postgresql` package (.ci/run does this) or set " + EnvironmentVariable + " to a connection string.");
        var asPostgres = Environment.IsPrivilegedProcess;
        var root = Directory.CreateTempSubdirectory("letta-pg-").FullName;
        try
        {
            if (asPostgres)
            {
                // initdb refuses to run as root; the cluster belongs to the unprivileged postgres user.
                await RunAsync("chown", ["postgres:postgres", root], root, false, cancellationToken).ConfigureAwait(false);
            }

            var data = Path.Combine(root, "data");
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], root, asPostgres, cancellationToken).ConfigureAwait(false);
            var port = FreePort();
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["listen_addresses"] = "127.0.0.1",
                ["port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["unix_socket_directories"] = root,
                ["max_connections"] = "100",
            };
            if (!options.Durable)
            {
                settings["fsync"] = "off";
                settings["synchronous_commit"] = "off";
                settings["full_page_writes"] = "off";
            }

            foreach (var (key, value) in options.Settings)
            {
                settings[key] = value;
            }

            var serverOptions = string.Join(' ', settings.Select(s => $"-c {s.Key}={s.Value}"));
            var cluster = new TempPostgresCluster(
                $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=15;Command Timeout=300",
                bin,
                root,
                asPostgres);
            await RunAsync(
                Path.Combine(bin, "pg_ctl"),
                ["-D", data, "-l", Path.Combine(root, "server.log"), "-o", serverOptions, "-w", "-t", ((int)options.StartTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "start"],
                root,
                asPostgres,
                cancellationToken).ConfigureAwait(false);
            await cluster.WaitForServerAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "letta", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 63)].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops and removes an own cluster; drops the databases made on an external server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (_rootDirectory is null)
        {
            await DropDatabasesAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            await RunAsync(Path.Combine(_binDirectory!, "pg_ctl"), ["-D", Path.Combine(_rootDirectory, "data"), "-m", "immediate", "-w", "stop"], _rootDirectory, _asPostgresUser, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the directory still goes.
        }

        TryDelete(_rootDirectory);
    }

    private async Task DropDatabasesAsync()
    {
        string[] names;
        lock (_databases)
        {
            names = [.. _databases];
        }

        try
        {
            await using var conn = new NpgsqlConnection(AdminConnectionString);
            await conn.OpenAsync().ConfigureAwait(false);
            foreach (var name in names)
            {
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // Best effort: an external server that went away keeps its databases.
        }
    }

    private async Task WaitForServerAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var conn = new NpgsqlConnection(AdminConnectionString);
                await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                var log = LogFile is not null && File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken).ConfigureAwait(false) : "(no log)";
                throw new InvalidOperationException($"PostgreSQL did not accept connections within {timeout}: {ex.Message}\n{log}", ex);
            }
        }
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, string workingDirectory, bool asPostgresUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (asPostgresUser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = new StringBuilder().Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false)).ToString();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed with exit code {process.ExitCode}:\n{output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
