namespace Letta.Host.Tests.Messaging.Support;

/// <summary>Waits for a counter that is updated just after a handler returns; the timeout is only a safety net.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true within 10 s.");
            }

            await Task.Delay(1);
        }
    }
}
