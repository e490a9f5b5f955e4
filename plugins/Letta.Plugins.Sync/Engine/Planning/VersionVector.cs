using System.Text;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>
/// A version vector: one counter per device short id. Immutable, entries sorted by id so equal vectors
/// serialise identically on every device.
/// </summary>
internal sealed class VersionVector : IEquatable<VersionVector>
{
    public static readonly VersionVector Empty = new([]);

    private readonly KeyValuePair<string, long>[] _entries;

    private VersionVector(KeyValuePair<string, long>[] sortedEntries) => _entries = sortedEntries;

    public IReadOnlyList<KeyValuePair<string, long>> Entries => _entries;

    public bool IsEmpty => _entries.Length == 0;

    public static VersionVector FromPairs(IEnumerable<KeyValuePair<string, long>> pairs)
    {
        var map = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, long> pair in pairs)
        {
            if (pair.Value > 0 && (!map.TryGetValue(pair.Key, out long current) || current < pair.Value))
            {
                map[pair.Key] = pair.Value;
            }
        }

        return map.Count == 0 ? Empty : new VersionVector([.. map]);
    }

    /// <summary>Parses <c>ID:n,ID:n</c>; an empty or null string is the empty vector.</summary>
    public static VersionVector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }

        var pairs = new List<KeyValuePair<string, long>>();
        foreach (string part in text.Split(','))
        {
            int colon = part.LastIndexOf(':');
            if (colon > 0 && long.TryParse(part.AsSpan(colon + 1), out long n))
            {
                pairs.Add(new(part[..colon], n));
            }
        }

        return FromPairs(pairs);
    }

    public long Get(string id)
    {
        foreach (KeyValuePair<string, long> e in _entries)
        {
            if (e.Key == id)
            {
                return e.Value;
            }
        }

        return 0;
    }

    /// <summary>Bumps <paramref name="id"/> to max(old + 1, unix seconds): Syncthing's hybrid clock.</summary>
    public VersionVector Bump(string id, DateTimeOffset now) =>
        FromPairs(_entries.Where(e => e.Key != id).Append(new(id, Math.Max(Get(id) + 1, now.ToUnixTimeSeconds()))));

    public VersionVector Merge(VersionVector other) => FromPairs(_entries.Concat(other._entries));

    /// <summary>True when every counter here is ≤ the other's (equal counts as ≤).</summary>
    public bool IsDominatedBy(VersionVector other)
    {
        foreach (KeyValuePair<string, long> e in _entries)
        {
            if (other.Get(e.Key) < e.Value)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (KeyValuePair<string, long> e in _entries)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(e.Key).Append(':').Append(e.Value);
        }

        return sb.ToString();
    }

    public bool Equals(VersionVector? other) => other is not null && IsDominatedBy(other) && other.IsDominatedBy(this);

    public override bool Equals(object? obj) => Equals(obj as VersionVector);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
