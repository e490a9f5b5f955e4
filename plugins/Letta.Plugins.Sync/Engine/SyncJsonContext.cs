using System.Text.Json.Serialization;
using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Persistence;

namespace Letta.Plugins.Sync.Engine;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SyncRootMarker))]
[JsonSerializable(typeof(ManifestHeader))]
[JsonSerializable(typeof(List<ManifestEntry>))]
[JsonSerializable(typeof(DeviceRecord))]
[JsonSerializable(typeof(DeviceIdentityFile))]
[JsonSerializable(typeof(CategoryLockInfo))]
[JsonSerializable(typeof(List<WantedBlob>))]
internal sealed partial class SyncJsonContext : JsonSerializerContext;
