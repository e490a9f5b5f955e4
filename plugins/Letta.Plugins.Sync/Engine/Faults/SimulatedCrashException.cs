namespace Letta.Plugins.Sync.Engine.Faults;

/// <summary>
/// Thrown by a test's crash hook. Deliberately not an <see cref="IOException"/>: no cleanup path catches it, so the
/// run stops exactly where a kill would stop it (temp files left, uncommitted rows lost).
/// </summary>
internal sealed class SimulatedCrashException(CrashPoint point) : Exception($"Simulated crash at {point}")
{
    public CrashPoint Point { get; } = point;
}
