namespace Microsoft.ML.Synthetic;

/// <summary>The kind of personal information a <see cref="MetadataKind.Pii"/> column holds.</summary>
public enum PiiType
{
    /// <summary>E-mail addresses (<c>name@example.com</c>).</summary>
    Email,

    /// <summary>Telephone numbers (digits with optional <c>+</c>, spaces, dots, dashes and parentheses).</summary>
    Phone,

    /// <summary>Names of people. Never detected (names cannot be told from categories by their form): declare it.</summary>
    Name,

    /// <summary>Other free-text identifying values (passport, social-security or account numbers and the like). Never detected: declare it.</summary>
    IdLike,
}
