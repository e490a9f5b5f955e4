using System.Reflection;
using Letta.Messaging;

namespace Letta.Host.Tests.Messaging.Support;

/// <summary>Calls the generic hub API with a type known only at run time (a type from another load context).</summary>
internal static class GenericHubCalls
{
    public static IDisposable Subscribe(IMessageHub hub, Type messageType, Collector<object> received)
        => (IDisposable)Invoke(nameof(SubscribeOf), messageType, hub, received);

    public static ValueTask PublishAsync(IMessageHub hub, object message)
        => (ValueTask)Invoke(nameof(PublishOf), message.GetType(), hub, message);

    private static IDisposable SubscribeOf<T>(IMessageHub hub, Collector<object> received)
        where T : notnull
        => hub.Subscribe<T>((message, _) =>
        {
            received.Add(message);
            return ValueTask.CompletedTask;
        });

    private static ValueTask PublishOf<T>(IMessageHub hub, object message)
        where T : notnull
        => hub.PublishAsync((T)message);

    private static object Invoke(string method, Type typeArgument, params object[] args)
        => typeof(GenericHubCalls).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeArgument)
            .Invoke(null, BindingFlags.DoNotWrapExceptions, null, args, null)!;
}
