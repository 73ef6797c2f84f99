using FastEndpoints;
using FluentValidation;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Checkin.Api;

public sealed class GetQuestionsRequest
{
    /// <summary>uk (default) or en.</summary>
    public string? Lang { get; set; }

    internal sealed class Validator : Validator<GetQuestionsRequest>
    {
        public Validator() => RuleFor(r => r.Lang).Must(l => Catalogue.Languages.Contains(l!)).When(r => r.Lang is not null).WithMessage("lang must be uk or en");
    }
}

public sealed record QuestionOptionResponse(int Value, string Label);

/// <param name="Daily">False for questions never in the daily rotation.</param>
/// <param name="Source">The instrument (and its authors) the item comes from, or that it is our own.</param>
/// <param name="Licence">The terms under which the item is used.</param>
/// <param name="Translation">Who made the wording in this language when it is not the original (null for the original English).</param>
public sealed record QuestionResponse(string Id, string Metric, int? Item, string Scale, bool Reverse, bool Daily, string Text, IReadOnlyList<QuestionOptionResponse> Options,
    string Source, string Licence, string? Translation);

/// <param name="Attributions">Notices the instruments' terms ask to be shown with them (WHO-5).</param>
public sealed record QuestionBankResponse(int Version, string Language, IReadOnlyList<QuestionResponse> Questions, IReadOnlyList<string> Attributions);

public sealed class GetQuestionsEndpoint : Endpoint<GetQuestionsRequest, QuestionBankResponse>
{
    public override void Configure()
    {
        Get("/api/questions");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(400, 401));
        Summary(s =>
        {
            s.Summary = "The question bank";
            s.Description = "Every check-in question with its metric, instrument item, scale, answer options, source and licence, in one language, and the attributions the instruments ask for. Ids are stable.";
        });
    }

    public override Task HandleAsync(GetQuestionsRequest req, CancellationToken ct)
    {
        var lang = Catalogue.Normalise(req.Lang);
        var bank = QuestionBank.Instance;
        var questions = bank.All.Select(q => new QuestionResponse(q.Id, q.Metric, q.Item, q.Scale, q.Reverse, q.Daily, q.TextIn(lang),
            q.Options.Select(o => new QuestionOptionResponse(o.Value, o.Label[lang])).ToList(),
            q.Origin.Source, q.Origin.Licence, lang == "en" ? null : q.Origin.UkTranslation)).ToList();
        return Send.OkAsync(new QuestionBankResponse(bank.Version, lang, questions, bank.Attributions(lang)), ct);
    }
}
