using System.Reflection;
using System.Runtime.ExceptionServices;
using Letta.Messaging;

namespace Letta.Host.Messaging;

/// <summary>
/// Subscribes the handlers found in a plugin's entry assembly: each event or request is handled by a handler
/// resolved from a fresh DI scope of the plugin's container. Reflection runs once per handler type, at bind time.
/// </summary>
internal static class PluginHandlerBinder
{
    private static readonly MethodInfo BindEventMethod =
        typeof(PluginHandlerBinder).GetMethod(nameof(BindEvent), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo BindRequestMethod =
        typeof(PluginHandlerBinder).GetMethod(nameof(BindRequest), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Subscribes every handler service type; the subscriptions are owned by <paramref name="hub"/>.</summary>
    /// <param name="hub">The plugin's facade. On an exception, dispose it to undo the handlers already bound.</param>
    /// <param name="services">The plugin's container.</param>
    /// <param name="handlerServiceTypes">Closed <see cref="IMessageHandler{TMessage}"/> and <see cref="IRequestHandler{TRequest, TResponse}"/> service types, as registered.</param>
    /// <exception cref="ArgumentException">A type is neither handler interface.</exception>
    /// <param name="optionsFor">The queue options of an event handler service type (from <c>[HubSubscription]</c>); null for the defaults.</param>
    /// <exception cref="MessageHubException">Another plugin already handles one of the request types.</exception>
    public static void Bind(PluginMessageHub hub, IServiceProvider services, IEnumerable<Type> handlerServiceTypes, Func<Type, SubscriptionOptions?>? optionsFor = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(handlerServiceTypes);
        IServiceScopeFactory scopes = services.GetRequiredService<IServiceScopeFactory>();

        // Several handler classes for one event share one service type; the scope resolves them all.
        foreach (Type serviceType in handlerServiceTypes.Distinct())
        {
            Type? definition = serviceType.IsConstructedGenericType ? serviceType.GetGenericTypeDefinition() : null;
            MethodInfo bind = definition == typeof(IMessageHandler<>) ? BindEventMethod
                : definition == typeof(IRequestHandler<,>) ? BindRequestMethod
                : throw new ArgumentException(
                    $"{serviceType} is not a closed IMessageHandler<TMessage> or IRequestHandler<TRequest, TResponse>.", nameof(handlerServiceTypes));
            bind.MakeGenericMethod(serviceType.GetGenericArguments())
                .Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, [hub, scopes, optionsFor?.Invoke(serviceType)], culture: null);
        }
    }

    private static void BindEvent<TMessage>(PluginMessageHub hub, IServiceScopeFactory scopes, SubscriptionOptions? options)
        where TMessage : notnull
        => _ = hub.Subscribe<TMessage>((message, ct) => HandleEventAsync(scopes, message, ct), options);

    private static void BindRequest<TRequest, TResponse>(PluginMessageHub hub, IServiceScopeFactory scopes, SubscriptionOptions? requestsHaveNoQueue)
        where TRequest : IRequest<TResponse>
        => _ = hub.HandleRequests<TRequest, TResponse>((request, ct) => HandleRequestAsync<TRequest, TResponse>(scopes, request, ct));

    private static async ValueTask HandleEventAsync<TMessage>(IServiceScopeFactory scopes, TMessage message, CancellationToken cancellationToken)
        where TMessage : notnull
    {
        AsyncServiceScope scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            List<Exception>? errors = null;
            int handlers = 0;
            foreach (IMessageHandler<TMessage> handler in scope.ServiceProvider.GetServices<IMessageHandler<TMessage>>())
            {
                handlers++;
                try
                {
                    await handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One failing handler class must not keep the plugin's other handlers of this event from running.
                    (errors ??= []).Add(ex);
                }
            }

            if (handlers == 0)
            {
                throw new InvalidOperationException($"No {typeof(IMessageHandler<TMessage>)} is registered in the plugin's container.");
            }

            if (errors is [Exception single])
            {
                ExceptionDispatchInfo.Throw(single);
            }

            if (errors is not null)
            {
                throw new AggregateException(errors);
            }
        }
    }

    private static async ValueTask<TResponse> HandleRequestAsync<TRequest, TResponse>(IServiceScopeFactory scopes, TRequest request, CancellationToken cancellationToken)
        where TRequest : IRequest<TResponse>
    {
        AsyncServiceScope scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            IRequestHandler<TRequest, TResponse> handler = scope.ServiceProvider.GetRequiredService<IRequestHandler<TRequest, TResponse>>();
            return await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
