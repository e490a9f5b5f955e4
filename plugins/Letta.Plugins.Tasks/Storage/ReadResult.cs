namespace Letta.Plugins.Tasks.Storage;

/// <summary>The outcome of reading one board or archive file.</summary>
internal sealed record ReadResult<T>(FileSignature Signature, T? Document, BoardFileError? Error)
    where T : class
{
    public bool Missing => !Signature.Exists && Error is null;
}
