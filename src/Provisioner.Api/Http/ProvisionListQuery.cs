using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Provisions;
using Provisioner.Workflow.Validation;

namespace Provisioner.Api;

/// <summary>The query string of <c>GET /api/provisions</c>: <c>status</c>, <c>domain</c>, <c>page_size</c>, <c>continuation_token</c>.</summary>
internal static class ProvisionListQuery
{
    private const string Status = "status";
    private const string Domain = "domain";
    private const string PageSize = "page_size";
    private const string ContinuationToken = "continuation_token";

    /// <summary>The query, or one error per bad parameter. Other parameters (such as a function key) are left alone.</summary>
    public static (ProvisionQuery? Query, IReadOnlyList<FieldError> Errors) Read(IQueryCollection query)
    {
        var errors = new List<FieldError>();
        ProvisionStatus? status = null;
        if (Single(query, Status, errors) is { } statusText)
        {
            if (Enum.TryParse<ProvisionStatus>(statusText, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(statusText[0]))
            {
                status = parsed;
            }
            else
            {
                errors.Add(new FieldError(Status, $"'{ClientText.Shorten(statusText)}' is not a provision status.", $"Send one of: {string.Join(", ", Enum.GetNames<ProvisionStatus>())}."));
            }
        }

        string? domain = null;
        if (Single(query, Domain, errors) is { } domainText)
        {
            if (DomainName.Validate(domainText, [], out var normalized) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                domain = normalized;
            }
        }

        var pageSize = ProvisionQuery.DefaultPageSize;
        if (Single(query, PageSize, errors) is { } sizeText &&
            !(int.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize) && pageSize is >= 1 and <= ProvisionQuery.MaxPageSize))
        {
            errors.Add(new FieldError(PageSize, $"'{ClientText.Shorten(sizeText)}' is not a page size.", $"Send a whole number from 1 to {ProvisionQuery.MaxPageSize}."));
        }

        ProvisionCursor? after = null;
        if (Single(query, ContinuationToken, errors) is { } token && !ProvisionCursor.TryParse(token, out after))
        {
            errors.Add(new FieldError(ContinuationToken, "The continuation token is not one this API gave out.",
                "Send the continuation_token of the previous page as it came, or leave it out for the first page."));
        }

        return errors.Count == 0 ? (new ProvisionQuery(status, domain, pageSize, after), errors) : (null, errors);
    }

    /// <summary>The query string of the next page: the same filters, the next page's token.</summary>
    public static string Next(IQueryCollection query, string continuationToken)
    {
        var next = new QueryBuilder();
        foreach (var name in new[] { Status, Domain, PageSize })
        {
            if (query.TryGetValue(name, out var value))
            {
                next.Add(name, value.ToString());
            }
        }

        next.Add(ContinuationToken, continuationToken);
        return next.ToQueryString().Value![1..];
    }

    private static string? Single(IQueryCollection query, string name, List<FieldError> errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            errors.Add(new FieldError(name, $"{name} is given {(values.Count == 1 ? "empty" : $"{values.Count} times")}.", $"Give {name} once, with a value, or leave it out."));
            return null;
        }

        return values[0];
    }
}
