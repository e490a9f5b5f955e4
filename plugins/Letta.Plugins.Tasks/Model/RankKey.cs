namespace Letta.Plugins.Tasks.Model;

/// <summary>
/// Fractional ranks over base-62 digits in ordinal order. Appending and prepending step by one in the last
/// digit (so 10,000 appends stay short); inserting between two neighbours takes the midpoint digit.
/// </summary>
internal static class RankKey
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Base = 62;

    /// <summary>The rank of the first task in an empty column.</summary>
    public const string First = "U0000";

    /// <summary>A rank strictly between <paramref name="before"/> and <paramref name="after"/>; null means open-ended.</summary>
    /// <returns>The rank, or <see langword="null"/> when no key fits (the two are equal or out of order).</returns>
    public static string? Between(string? before, string? after)
    {
        if (string.IsNullOrEmpty(before) && string.IsNullOrEmpty(after))
        {
            return First;
        }

        if (string.IsNullOrEmpty(after))
        {
            return Increment(before!);
        }

        if (string.IsNullOrEmpty(before))
        {
            return Decrement(after) ?? Midpoint("", after);
        }

        return string.CompareOrdinal(before, after) < 0 ? Midpoint(before, after) : null;
    }

    private static int Digit(char c)
    {
        int i = Digits.IndexOf(c, StringComparison.Ordinal);
        return i < 0 ? (c < '0' ? 0 : Base - 1) : i;
    }

    private static string Increment(string key)
    {
        char[] chars = key.ToCharArray();
        for (int i = chars.Length - 1; i >= 0; i--)
        {
            int d = Digit(chars[i]);
            if (d < Base - 1)
            {
                chars[i] = Digits[d + 1];
                return new string(chars);
            }

            chars[i] = Digits[0];
        }

        // Every digit was 'z': "zz…z" + "V" is still larger.
        return key + Digits[Base / 2];
    }

    private static string? Decrement(string key)
    {
        char[] chars = key.ToCharArray();
        for (int i = chars.Length - 1; i >= 0; i--)
        {
            int d = Digit(chars[i]);
            if (d > 0)
            {
                chars[i] = Digits[d - 1];
                string result = new(chars);

                // Never hand out an all-zero key: nothing could ever be placed before it. (A rare key with no
                // room left beside it makes the board re-rank that column.)
                return result.AsSpan().TrimEnd('0').Length == 0 ? null : result;
            }

            chars[i] = Digits[Base - 1];
        }

        return null;
    }

    private static string? Midpoint(string a, string b)
    {
        var sb = new System.Text.StringBuilder();
        bool upperOpen = false;
        for (int i = 0; i < 512; i++)
        {
            int da = i < a.Length ? Digit(a[i]) : 0;
            int db = upperOpen ? Base : i < b.Length ? Digit(b[i]) : 0;
            if (da == db)
            {
                sb.Append(Digits[da]);
                continue;
            }

            int mid = (da + db) / 2;
            if (mid > da)
            {
                sb.Append(Digits[mid]);
                return sb.ToString();
            }

            // Adjacent digits: keep a's digit and continue below an open upper bound.
            sb.Append(Digits[da]);
            upperOpen = true;
        }

        return null;
    }
}
