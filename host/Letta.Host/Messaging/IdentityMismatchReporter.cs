namespace Letta.Host.Messaging;

/// <summary>
/// The hub's identity guard: two types with one full name (another assembly, or the same assembly in another load
/// context) never reach each other's handlers. The hub cannot fix that, but it must never let it pass silently:
/// each mismatch is counted for every plugin involved and logged (publishes throttled per topic).
/// </summary>
internal sealed class IdentityMismatchReporter(ILogger logger)
{
    public const string IdentityAdvice =
        "Messages exchanged between plugins must be defined in Letta.Abstractions or a shared contract pack, so every plugin sees one type.";

    public void ReportSubscribeMismatch(PluginMessagingState subscriber, Topic topic, Topic[] twins)
    {
        foreach (Topic twin in twins)
        {
            string detail =
                $"plugin '{subscriber.PluginId}' subscribed to {topic.TypeName} from {TypeIdentity.Describe(topic.MessageType)}, " +
                $"but the hub also has a different type of that name from {TypeIdentity.Describe(twin.MessageType)} ({twin.FirstSeenBy}" +
                $"{SubscribersText(twin)}); messages of one type never reach subscribers of the other. {IdentityAdvice}";
            ReportIdentityError(subscriber, topic.TypeName, detail, [.. PluginsSubscribedTo(twin)], suppressed: 0);
        }
    }

    public void ReportPublishMismatch(PluginMessagingState publisher, Topic topic)
    {
        // Only a twin with subscribers loses messages; a twin that is merely published is reported when it is.
        foreach (Topic twin in topic.Twins ?? [])
        {
            List<PluginMessagingState> missing = PluginsSubscribedTo(twin);
            if (missing.Count == 0)
            {
                continue;
            }

            string detail =
                $"plugin '{publisher.PluginId}' published {topic.TypeName} from {TypeIdentity.Describe(topic.MessageType)}, " +
                $"but plugin(s) {string.Join(", ", missing.Select(p => $"'{p.PluginId}'"))} subscribe to a different type of that name " +
                $"from {TypeIdentity.Describe(twin.MessageType)} and do not receive it. {IdentityAdvice}";
            bool log = topic.IdentityLogThrottle.TryEnter(out long suppressed);
            ReportIdentityError(publisher, topic.TypeName, detail, missing, log ? suppressed : -1);
        }
    }

    // suppressed < 0: count only (the log line is throttled).
    public void ReportIdentityError(PluginMessagingState actor, string typeName, string detail, IEnumerable<PluginMessagingState> others, long suppressed)
    {
        actor.CountIdentityError(detail);
        foreach (PluginMessagingState other in others.Where(o => !ReferenceEquals(o, actor)).Distinct())
        {
            other.CountIdentityError(detail);
        }

        if (suppressed >= 0)
        {
            HubLog.IdentityMismatch(logger, actor.PluginId, typeName, detail, suppressed);
        }
    }

    private static List<PluginMessagingState> PluginsSubscribedTo(Topic topic)
        => [.. topic.CurrentSubscriptions.Select(s => s.Owner.State).Distinct()];

    private static string SubscribersText(Topic topic)
    {
        List<PluginMessagingState> plugins = PluginsSubscribedTo(topic);
        return plugins.Count == 0 ? string.Empty : $"; subscribed by {string.Join(", ", plugins.Select(p => $"'{p.PluginId}'"))}";
    }
}
