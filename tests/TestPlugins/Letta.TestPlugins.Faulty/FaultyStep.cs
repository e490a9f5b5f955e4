namespace Letta.TestPlugins.Faulty;

/// <summary>The step that throws, from settings <c>throwIn</c>: none, configure, map, start or health.</summary>
public sealed record FaultyStep(string Value)
{
    public void ThrowIf(string step)
    {
        if (string.Equals(Value, step, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{step} exploded");
        }
    }
}
