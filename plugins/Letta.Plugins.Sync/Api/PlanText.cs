using System.Text;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Planning;

namespace Letta.Plugins.Sync.Api;

/// <summary>A plan as <c>letta sync plan</c> prints it: a heading per category, one line per operation, then the issues.</summary>
internal static class PlanText
{
    public static string Render(SyncRunResult r)
    {
        var sb = new StringBuilder();
        sb.Append("== ").Append(r.Category).Append(": ");
        sb.AppendLine(r.Failure ?? (!r.Plan.Any(p => p.Action != PlanAction.UpdateVersion) ? "nothing to do" : $"{r.PlanLines.Count()} operations"));
        foreach (string line in r.PlanLines)
        {
            sb.Append("  ").AppendLine(line);
        }

        foreach (ScanIssue issue in r.Issues)
        {
            sb.Append("  ! ").Append(issue.Kind).Append(' ').Append(issue.Path).Append(": ").AppendLine(issue.Message);
        }

        return sb.ToString();
    }
}
