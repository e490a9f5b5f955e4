using System.Globalization;
using System.Text;

namespace Letta.Plugins.Memory.Benchmarks;

/// <summary>
/// Deterministic synthetic memories shaped like the reference dataset: a 4–8 word title, 30–80 words of
/// Zipf-distributed content from a ~10.8k-word vocabulary (real English at the head, pronounceable made-up words in the
/// tail), 1–3 of 50 tags, 4 metadata keys and one of 5 sources.
/// </summary>
internal sealed class CorpusGenerator
{
    private static readonly string[] Head =
    [
        "the", "of", "and", "to", "a", "in", "is", "for", "that", "with", "on", "as", "it", "this", "project",
        "meeting", "from", "by", "be", "at", "user", "data", "team", "was", "are", "we", "will", "server", "notes",
        "an", "not", "release", "build", "have", "plan", "task", "but", "or", "new", "code", "review", "deploy",
        "design", "issue", "client", "test", "they", "which", "update", "api", "database", "memory", "search", "week",
        "idea", "config", "budget", "feedback", "customer", "morning", "report", "sync", "device", "folder", "cloud",
        "backup", "invoice", "travel", "garden", "recipe", "family", "doctor", "school", "book", "music", "coffee",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ta", "ren", "vo", "shi", "pa", "dor", "el", "qua", "bri", "zen", "tor", "fi", "gal",
        "mun", "sa", "te", "ri", "no", "ve", "lan", "cho", "ber", "dis", "om", "pli", "stra", "ung",
    ];

    private readonly string[] _vocabulary;
    private readonly double[] _cumulative;
    private readonly Random _random;

    public CorpusGenerator(int seed = 42, int vocabularySize = 10_800)
    {
        _random = new Random(seed);
        var words = new List<string>(Head);
        var seen = new HashSet<string>(words, StringComparer.Ordinal);
        var wordRandom = new Random(seed + 1);
        while (words.Count < vocabularySize)
        {
            var sb = new StringBuilder();
            var syllables = 2 + wordRandom.Next(3);
            for (var i = 0; i < syllables; i++)
            {
                sb.Append(Syllables[wordRandom.Next(Syllables.Length)]);
            }

            if (seen.Add(sb.ToString()))
            {
                words.Add(sb.ToString());
            }
        }

        _vocabulary = [.. words];
        _cumulative = new double[_vocabulary.Length];
        double sum = 0;
        for (var r = 0; r < _vocabulary.Length; r++)
        {
            sum += 1.0 / Math.Pow(r + 1, 1.07);
            _cumulative[r] = sum;
        }

        for (var r = 0; r < _cumulative.Length; r++)
        {
            _cumulative[r] /= sum;
        }
    }

    /// <summary>A frequent, non-stop word (rank 15: in roughly a third of memories).</summary>
    public string CommonTerm => _vocabulary[14];

    /// <summary>A rare word (rank 4,000: in roughly a hundred memories of 100k).</summary>
    public string RareTerm => _vocabulary[3_999];

    public static string Tag(int i) => $"topic-{i:00}";

    /// <summary>The tag used by the filtered queries.</summary>
    public static string FilterTag => Tag(7);

    /// <summary>
    /// The next <paramref name="count"/> lines as one UTF-8 NDJSON body. The benchmark builds it before the import's
    /// clock starts, so the load generator's text generation (≈ 3 CPU-seconds per 100k lines) does not compete with
    /// the host and the database for the same cores while the import is timed.
    /// </summary>
    public byte[] NextNdjson(int count)
    {
        using var buffer = new MemoryStream(count * 560);
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), 64 * 1024, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                writer.Write(NextLine());
                writer.Write('\n');
            }
        }

        return buffer.ToArray();
    }

    public string NextLine()
    {
        var sb = new StringBuilder(512);
        sb.Append("{\"title\":\"");
        AppendWords(sb, 4 + _random.Next(5), capitalise: true);
        sb.Append("\",\"content\":\"");
        AppendWords(sb, 30 + _random.Next(51), capitalise: true);
        sb.Append(".\",\"tags\":[");
        var tagCount = 1 + _random.Next(3);
        var first = _random.Next(50);
        for (var i = 0; i < tagCount; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append('"').Append(Tag((first + (i * 17)) % 50)).Append('"');
        }

        sb.Append(CultureInfo.InvariantCulture, $"],\"metadata\":{{\"owner\":\"user-{_random.Next(1000)}\",\"priority\":{_random.Next(5)},\"project\":\"p-{_random.Next(40)}\",\"lang\":\"en\"}}");
        sb.Append(CultureInfo.InvariantCulture, $",\"source\":\"device-{_random.Next(5)}\"}}");
        return sb.ToString();
    }

    private void AppendWords(StringBuilder sb, int count, bool capitalise)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            var word = _vocabulary[Sample()];
            if (capitalise && i == 0)
            {
                sb.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
            else
            {
                sb.Append(word);
            }
        }
    }

    private int Sample()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
