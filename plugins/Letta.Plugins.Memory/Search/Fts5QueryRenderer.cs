using System.Text;

namespace Letta.Plugins.Memory.Search;

/// <summary>
/// Renders a <see cref="SearchQuery"/> as an SQLite FTS5 <c>MATCH</c> expression limited to the title and content
/// columns; every word is quoted. A tag filter can add a prefilter on the <c>tags</c> column.
/// </summary>
internal static class Fts5QueryRenderer
{
    public static string Render(SearchQuery query, IReadOnlyList<string>? tags = null, bool allTags = false)
    {
        var sb = new StringBuilder();
        sb.Append("{title content} : ((");
        for (var i = 0; i < query.Clauses.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(" AND ");
            }

            var clause = query.Clauses[i];
            sb.Append('(');
            for (var j = 0; j < clause.Count; j++)
            {
                if (j > 0)
                {
                    sb.Append(" OR ");
                }

                AppendTerm(sb, clause[j]);
            }

            sb.Append(')');
        }

        sb.Append(')');
        if (query.Excluded.Count > 0)
        {
            sb.Append(" NOT (");
            for (var i = 0; i < query.Excluded.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(" OR ");
                }

                AppendTerm(sb, query.Excluded[i]);
            }

            sb.Append(')');
        }

        sb.Append(')');
        AppendTagPrefilter(sb, tags, allTags);
        return sb.ToString();
    }

    /// <summary>
    /// Narrows the match to rows whose tags contain the tags' words, so FTS5 intersects doclists instead of the
    /// database checking every match; the exact tag check still runs in SQL (this is a superset).
    /// </summary>
    private static void AppendTagPrefilter(StringBuilder sb, IReadOnlyList<string>? tags, bool allTags)
    {
        if (tags is null || tags.Count == 0)
        {
            return;
        }

        var phrases = new List<string>(tags.Count);
        foreach (var tag in tags)
        {
            var words = SearchQueryParser.Words(tag);
            if (words.Count == 0)
            {
                if (!allTags)
                {
                    return; // a tag without words cannot be prefiltered, so neither can "any of" them
                }

                continue;
            }

            phrases.Add("\"" + string.Join(' ', words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        }

        if (phrases.Count > 0)
        {
            sb.Append(" AND {tags} : (").Append(string.Join(allTags ? " AND " : " OR ", phrases)).Append(')');
        }
    }

    private static void AppendTerm(StringBuilder sb, SearchTerm term)
    {
        sb.Append('"');
        sb.Append(string.Join(' ', term.Words).Replace("\"", "\"\"", StringComparison.Ordinal));
        sb.Append('"');
        if (term.IsPrefix)
        {
            sb.Append('*');
        }
    }
}
