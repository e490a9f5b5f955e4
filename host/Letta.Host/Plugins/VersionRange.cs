namespace Letta.Host.Plugins;

/// <summary>
/// A dependency version range: space-separated comparators that must all hold (<c>&gt;=1.0.0 &lt;2.0.0</c>),
/// <c>^1.2</c>, <c>~1.2.3</c>, an exact version, or <c>*</c>.
/// </summary>
internal sealed class VersionRange
{
    private readonly List<(string Operator, SemanticVersion Version)> _comparators;

    private VersionRange(string text, List<(string Operator, SemanticVersion Version)> comparators)
    {
        Text = text;
        _comparators = comparators;
    }

    public string Text { get; }

    public static bool TryParse(string? text, out VersionRange range)
    {
        range = new VersionRange("*", []);
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "*")
        {
            return true;
        }

        var comparators = new List<(string, SemanticVersion)>();
        foreach (string token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string op = token.StartsWith(">=", StringComparison.Ordinal) || token.StartsWith("<=", StringComparison.Ordinal) ? token[..2]
                : token[0] is '>' or '<' or '=' or '^' or '~' ? token[..1]
                : "=";
            string versionText = op == "=" && token[0] != '=' ? token : token[op.Length..];
            if (!SemanticVersion.TryParse(versionText, out SemanticVersion version))
            {
                return false;
            }

            switch (op)
            {
                case "^":
                    comparators.Add((">=", version));
                    comparators.Add(("<", version.Major > 0 ? new SemanticVersion(version.Major + 1, 0, 0, string.Empty) : new SemanticVersion(0, version.Minor + 1, 0, string.Empty)));
                    break;
                case "~":
                    comparators.Add((">=", version));
                    comparators.Add(("<", new SemanticVersion(version.Major, version.Minor + 1, 0, string.Empty)));
                    break;
                default:
                    comparators.Add((op, version));
                    break;
            }
        }

        range = new VersionRange(text.Trim(), comparators);
        return true;
    }

    public bool IsSatisfiedBy(SemanticVersion version) => _comparators.TrueForAll(c => c.Operator switch
    {
        ">=" => version >= c.Version,
        ">" => version > c.Version,
        "<=" => version <= c.Version,
        "<" => version < c.Version,
        _ => version.CompareTo(c.Version) == 0,
    });

    public override string ToString() => Text;
}
