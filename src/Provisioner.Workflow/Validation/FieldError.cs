namespace Provisioner.Workflow.Validation;

/// <summary>One thing wrong with a request: which field, what is wrong, and how to fix it.</summary>
/// <param name="Field">The field's wire name (<c>domain</c>, <c>app_type</c>, <c>template_id</c>, or <c>body</c>).</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">What to send instead.</param>
public sealed record FieldError(string Field, string Message, string Fix);
