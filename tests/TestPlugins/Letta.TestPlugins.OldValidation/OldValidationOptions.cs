namespace Letta.TestPlugins.OldValidation;

/// <summary>Settings of the old-validation fixture.</summary>
public sealed class OldValidationOptions
{
    /// <summary>Required.</summary>
    public string Name { get; set; } = "";
}
