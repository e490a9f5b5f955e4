namespace Letta.Host.Configuration;

/// <summary>
/// Finds the line of a property for shape errors. JsonDocument keeps no positions, and a best-effort line
/// beats none for a person fixing the file: each name is searched after the previous one, so
/// <c>["echo", "enabled"]</c> finds echo's <c>enabled</c>, not the first one in the file.
/// </summary>
internal sealed class JsonLineLocator(string text)
{
    public int LineOf(params string[] propertyPath)
    {
        int index = 0;
        foreach (string name in propertyPath)
        {
            int found = text.IndexOf("\"" + name + "\"", index, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            index = found;
        }

        return text.AsSpan(0, index).Count('\n') + 1;
    }
}
