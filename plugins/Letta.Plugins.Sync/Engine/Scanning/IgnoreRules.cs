using System.Text;
using System.Text.RegularExpressions;

namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>
/// Include/exclude globs of a category. <c>*</c> does not cross <c>/</c>, <c>**</c> does, <c>?</c> is one character;
/// a trailing <c>/</c> matches directories only (and so everything below); a pattern without <c>/</c> matches the
/// name at any depth, a leading <c>/</c> anchors it to the root. An empty include list means "everything".
/// Letta's own temp files and the root marker are always ignored.
/// </summary>
internal sealed class IgnoreRules
{
    /// <summary>Sensible defaults from the issue: OS junk, temp files, VCS and build output.</summary>
    public static readonly IReadOnlyList<string> DefaultExcludes = [".DS_Store", "*.tmp", ".git/", "bin/", "obj/", "node_modules/"];

    private readonly Rule[] _includes;
    private readonly Rule[] _excludes;

    public IgnoreRules(IEnumerable<string>? includes, IEnumerable<string>? excludes)
    {
        _includes = (includes ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(Rule.Get).ToArray();
        _excludes = (excludes ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(Rule.Get).ToArray();
    }

    /// <summary>Whether the scanner should descend into <paramref name="relativeDir"/>.</summary>
    public bool ShouldEnterDirectory(string relativeDir, string name)
    {
        foreach (Rule rule in _excludes)
        {
            if (rule.Matches(relativeDir, name, isDirectory: true))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a file at <paramref name="relativePath"/> is synced.</summary>
    public bool IsFileIncluded(string relativePath, string name)
    {
        if (name.EndsWith(SyncPaths.LocalTempSuffix, StringComparison.Ordinal) || (name == SyncPaths.LocalMarkerName && relativePath == name))
        {
            return false;
        }

        foreach (Rule rule in _excludes)
        {
            if (rule.Matches(relativePath, name, isDirectory: false))
            {
                return false;
            }
        }

        if (_includes.Length == 0)
        {
            return true;
        }

        foreach (Rule rule in _includes)
        {
            if (rule.Matches(relativePath, name, isDirectory: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a remote path is inside an excluded directory or excluded itself (never applied locally).</summary>
    public bool IsPathIncluded(string relativePath)
    {
        string[] segments = relativePath.Split('/');
        for (int i = 0; i < segments.Length - 1; i++)
        {
            if (!ShouldEnterDirectory(string.Join('/', segments, 0, i + 1), segments[i]))
            {
                return false;
            }
        }

        return IsFileIncluded(relativePath, segments[^1]);
    }

    private sealed class Rule
    {
        private readonly Regex _regex;
        private readonly bool _nameOnly;
        private readonly bool _directoryOnly;

        // Fast paths for the common shapes ("name", "*.ext"), which avoid a regex per file on large trees.
        private readonly string? _exact;
        private readonly string? _suffix;

        private Rule(Regex regex, bool nameOnly, bool directoryOnly, string glob)
        {
            _regex = regex;
            _nameOnly = nameOnly;
            _directoryOnly = directoryOnly;
            if (glob.IndexOfAny(['*', '?', '[', '{', '\\']) < 0)
            {
                _exact = glob;
            }
            else if (glob.StartsWith('*') && glob.IndexOfAny(['*', '?', '[', '{', '/', '\\'], 1) < 0)
            {
                _suffix = glob[1..];
            }
        }

        // Rules are immutable; compiling a regex per run would cost more than a no-change scan of a small category.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Rule> s_cache = new(StringComparer.Ordinal);

        public static Rule Get(string pattern) => s_cache.GetOrAdd(pattern, Parse);

        private static Rule Parse(string pattern)
        {
            string p = pattern.Trim();
            bool directoryOnly = p.EndsWith('/');
            p = p.TrimEnd('/');
            bool anchored = p.StartsWith('/');
            p = p.TrimStart('/');
            bool nameOnly = !anchored && !p.Contains('/');
            return new Rule(new Regex("^" + ToRegex(p) + "$", RegexOptions.CultureInvariant | RegexOptions.Compiled), nameOnly, directoryOnly, p);
        }

        public bool Matches(string relativePath, string name, bool isDirectory)
        {
            if (_directoryOnly && !isDirectory)
            {
                return false;
            }

            string subject = _nameOnly ? name : relativePath;
            if (_exact is not null)
            {
                return subject == _exact;
            }

            if (_suffix is not null)
            {
                return subject.EndsWith(_suffix, StringComparison.Ordinal);
            }

            return _regex.IsMatch(subject);
        }

        private static string ToRegex(string glob)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < glob.Length; i++)
            {
                char c = glob[i];
                if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    sb.Append(".*");
                    i++;
                    if (i + 1 < glob.Length && glob[i + 1] == '/')
                    {
                        i++;
                        sb.Append("/?");
                    }
                }
                else if (c == '*')
                {
                    sb.Append("[^/]*");
                }
                else if (c == '?')
                {
                    sb.Append("[^/]");
                }
                else
                {
                    sb.Append(Regex.Escape(c.ToString()));
                }
            }

            return sb.ToString();
        }
    }
}
