using System.Text.Json;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine.Devices;

/// <summary>A revoked device stays revoked: it can revoke no one, and revoking its revoker undoes nothing.</summary>
public abstract class RevocationScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : RevocationScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : RevocationScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 71);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Revoke_RevokedDeviceRevokesItsRevoker_DoesNotCountAndItsEditsStayOut()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.SyncOk();
        b.SyncOk();
        _world.Deliver(a);
        SyncEngineDevices.Revoke(a.Engine(), b.DeviceId).ShouldBe(RevokeOutcome.Revoked);
        a.SyncOk();

        // b answers by revoking a in its own registration, later than its own revocation (as a tampered or old client would).
        _world.Deliver(b);
        string record = Path.Combine(b.Cloud, "LettaSync", "devices", b.DeviceId + ".json");
        DeviceRecord own = JsonSerializer.Deserialize(File.ReadAllBytes(record), SyncJsonContext.Default.DeviceRecord)!;
        File.WriteAllBytes(record, JsonSerializer.SerializeToUtf8Bytes(
            own with { Revocations = [new Revocation(a.DeviceId, DateTimeOffset.UtcNow.AddMinutes(1))], Revoked = [a.DeviceId] },
            SyncJsonContext.Default.DeviceRecord));
        b.Write("from-revoked-b.md", "must not spread");
        b.Delete("keep.md");

        b.Sync().Gate.ShouldBe(SyncGate.Revoked);
        SyncRunResult r = a.SyncOk();
        a.SyncOk();

        r.Gate.ShouldBeNull();
        a.Exists("from-revoked-b.md").ShouldBeFalse();
        a.Read("keep.md").ShouldBe("keep");
        _world.Deliver(a);
        HashSet<string> revoked = DeviceRegistry.RevokedSet(SyncEngineDevices.List(a.Engine()));
        revoked.ShouldBe([b.DeviceId]);
        _world.Deliver(b);
        SyncEngineDevices.Revoke(b.Engine(), a.DeviceId).ShouldBe(RevokeOutcome.RevokerRevoked);
    }

    [Fact]
    public void RevokedSet_TwoDevicesRevokeEachOtherAtTheSameMoment_BothRevoked()
    {
        DateTimeOffset at = DateTimeOffset.UtcNow;
        var a = new DeviceRecord("A", "a", "os", at, at, "1") { Revocations = [new Revocation("B", at)] };
        var b = new DeviceRecord("B", "b", "os", at, at, "1") { Revocations = [new Revocation("A", at)] };
        var revokedFirst = new DeviceRecord("A", "a", "os", at, at, "1") { Revocations = [new Revocation("B", at.AddSeconds(5))] };
        var c = new DeviceRecord("C", "c", "os", at, at, "1") { Revocations = [new Revocation("A", at)] };

        DeviceRegistry.RevokedSet([a, b]).ShouldBe(["A", "B"], ignoreOrder: true);
        DeviceRegistry.RevokedSet([revokedFirst, c]).ShouldBe(["A"], "a revoked b five seconds after c had revoked a");
    }
}
