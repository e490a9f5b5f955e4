using Letta.Plugins;

namespace Letta.Host.Plugins;

/// <summary>Runs one step of a plugin's pipeline; an exception marks only that plugin Faulted.</summary>
internal static class PluginGuard
{
    public static bool Try(PluginRuntime runtime, string step, Action action)
    {
        try
        {
            action();
            return true;
        }
#pragma warning disable CA1031 // a plugin failure must never stop the host
        catch (Exception ex)
#pragma warning restore CA1031
        {
            runtime.SetState(PluginState.Faulted, Describe(step, ex));
            return false;
        }
    }

    public static async Task<bool> TryAsync(PluginRuntime runtime, string step, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // a plugin failure must never stop the host
        catch (Exception ex)
#pragma warning restore CA1031
        {
            runtime.SetState(PluginState.Faulted, Describe(step, ex));
            return false;
        }
    }

    public static string Describe(string step, Exception ex)
    {
        Exception root = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
        if (root is PluginLoadException)
        {
            return root.Message;
        }

        string detail = root is System.Reflection.ReflectionTypeLoadException rtle && rtle.LoaderExceptions.FirstOrDefault(e => e is not null) is { } first
            ? $"{root.Message} First loader error: {first.Message}"
            : root.Message;
        return $"{step} threw {root.GetType().Name}: {detail}";
    }
}
