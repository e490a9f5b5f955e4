using System.Text;

namespace Letta.Plugins.Memory.Search;

/// <summary>Renders a <see cref="SearchQuery"/> as an SQLite FTS5 <c>MATCH</c> expression; every word is quoted.</summary>
internal static class Fts5QueryRenderer
{
    public static string Render(SearchQuery query)
    {
        var sb = new StringBuilder();
        sb.Append('(');
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

        return sb.ToString();
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
