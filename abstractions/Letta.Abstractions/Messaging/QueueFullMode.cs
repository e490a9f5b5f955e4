namespace Letta.Messaging;

/// <summary>What a publish does when a subscriber's queue is full.</summary>
public enum QueueFullMode
{
    /// <summary>Drop the oldest queued event to make room; counted as dropped.</summary>
    DropOldest = 0,

    /// <summary>Drop the event being published for this subscriber; counted as dropped.</summary>
    DropNewest = 1,

    /// <summary>The publisher waits for room (use only where losing an event is worse than waiting).</summary>
    Wait = 2,
}
