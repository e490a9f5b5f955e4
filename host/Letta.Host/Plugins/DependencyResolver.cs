using Letta.Plugins;

namespace Letta.Host.Plugins;

/// <summary>
/// Orders viable plugins so each starts after its dependencies. A missing, rejected or out-of-range dependency
/// makes a plugin <see cref="PluginState.MissingDependency"/>; a cycle makes every member <see cref="PluginState.Faulted"/>.
/// </summary>
internal static class DependencyResolver
{
    public static List<PluginRuntime> Order(IReadOnlyList<PluginRuntime> runtimes)
    {
        var byId = runtimes.Where(r => r.Manifest is not null && r.State != PluginState.Conflict)
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // Rejections propagate: a plugin whose dependency was rejected cannot start either.
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (PluginRuntime runtime in runtimes.Where(r => r.IsViable))
            {
                string? missing = FindMissing(runtime, byId);
                if (missing is not null)
                {
                    runtime.SetState(PluginState.MissingDependency, missing);
                    changed = true;
                }
            }
        }

        var ordered = new List<PluginRuntime>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (PluginRuntime runtime in runtimes.Where(r => r.IsViable))
        {
            Visit(runtime, byId, visiting, done, ordered, []);
        }

        return ordered.Where(r => r.IsViable).ToList();
    }

    private static string? FindMissing(PluginRuntime runtime, Dictionary<string, PluginRuntime> byId)
    {
        foreach (PluginDependency dependency in runtime.Manifest!.Dependencies)
        {
            if (!byId.TryGetValue(dependency.Id, out PluginRuntime? target))
            {
                return $"Needs plugin '{dependency.Id}' ({dependency.Range}), which is not installed. Install it into the plugins folder.";
            }

            if (!dependency.Range.IsSatisfiedBy(target.Manifest!.Version))
            {
                return $"Needs plugin '{dependency.Id}' {dependency.Range}, but version {target.Manifest.Version} is installed. Install a matching version.";
            }

            if (!target.IsViable)
            {
                return $"Needs plugin '{dependency.Id}', which is {target.State}: {target.Reason}";
            }
        }

        return null;
    }

    private static void Visit(PluginRuntime runtime, Dictionary<string, PluginRuntime> byId, HashSet<string> visiting, HashSet<string> done, List<PluginRuntime> ordered, List<string> path)
    {
        if (done.Contains(runtime.Id) || !runtime.IsViable)
        {
            return;
        }

        if (!visiting.Add(runtime.Id))
        {
            int start = path.IndexOf(runtime.Id);
            List<string> cycle = [.. path[start..], runtime.Id];
            foreach (string id in cycle.Distinct())
            {
                byId[id].SetState(PluginState.Faulted, $"Dependency cycle: {string.Join(" → ", cycle)}. Remove one of these dependencies.");
            }

            return;
        }

        path.Add(runtime.Id);
        foreach (PluginDependency dependency in runtime.Manifest!.Dependencies)
        {
            Visit(byId[dependency.Id], byId, visiting, done, ordered, path);
        }

        path.RemoveAt(path.Count - 1);
        visiting.Remove(runtime.Id);
        done.Add(runtime.Id);
        if (runtime.IsViable && runtime.Manifest.Dependencies.All(d => byId[d.Id].IsViable))
        {
            ordered.Add(runtime);
        }
        else if (runtime.IsViable)
        {
            runtime.SetState(PluginState.MissingDependency, "A dependency could not be started; see its state.");
        }
    }
}
