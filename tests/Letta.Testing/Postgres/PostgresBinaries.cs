namespace Letta.Testing.Postgres;

/// <summary>Finds the machine's PostgreSQL server binaries: <c>PATH</c> first, then <c>/usr/lib/postgresql/*/bin</c> (newest).</summary>
public static class PostgresBinaries
{
    /// <summary>The folder holding <c>initdb</c> and <c>pg_ctl</c>, or <see langword="null"/> when there is none.</summary>
    public static string? FindBinDirectory()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                // Debian links /usr/local/bin/initdb into /usr/lib/postgresql/N/bin; use the real folder so
                // pg_ctl finds its `postgres` beside it.
                var target = File.ResolveLinkTarget(initdb, returnFinalTarget: true)?.FullName ?? initdb;
                var real = Path.GetDirectoryName(target)!;
                return File.Exists(Path.Combine(real, "pg_ctl")) ? real : dir;
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(debianRoot)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }
}
