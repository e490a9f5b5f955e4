namespace Letta.Plugins.Sync.Engine.Faults;

/// <summary>Phase boundaries where a test can stop a run as if the process were killed.</summary>
internal enum CrashPoint
{
    AfterScan,
    UploadTempWritten,
    AfterUpload,
    DownloadTempWritten,
    AfterApply,
    AfterCommit,
    BeforePublish,
    AfterPublish,
}
