using FastEndpoints;
using FluentValidation;
using Mindguard.Features.Checkin.Bank;

namespace Mindguard.Features.Checkin.Api;

public sealed class AnswerInput
{
    /// <summary>A stable id from GET /api/questions, e.g. who5.3.</summary>
    public string QuestionId { get; set; } = "";
    /// <summary>One of the question's option values; leave it out when <c>skipped</c> is true.</summary>
    public int? Value { get; set; }

    /// <summary>True for "prefer not to answer": the question counts as done for the day, and is never scored.</summary>
    public bool Skipped { get; set; }
}

public sealed class SubmitAnswersRequest
{
    /// <summary>Your local date, yyyy-MM-dd: today or yesterday.</summary>
    public DateOnly Date { get; set; }

    [FromBody]
    public List<AnswerInput> Answers { get; set; } = [];

    internal sealed class Validator : Validator<SubmitAnswersRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Answers).NotEmpty().Must(a => a.Select(x => x.QuestionId).Distinct().Count() == a.Count)
                .WithMessage("each question may be answered once");
            RuleForEach(r => r.Answers).ChildRules(answer =>
            {
                answer.RuleFor(a => a.QuestionId).Must(id => QuestionBank.Instance.Find(id) is { Daily: true })
                    .WithMessage(a => $"'{a.QuestionId}' is not a question of the daily bank");
                answer.RuleFor(a => a.Value).Must((a, value) => a.Skipped == (value is null))
                    .WithMessage(a => a.Skipped ? "a skipped question has no value" : $"'{a.QuestionId}' needs a value, or skipped: true");
                answer.RuleFor(a => a.Value).Must((a, value) => value is not { } v || QuestionBank.Instance.Find(a.QuestionId)?.Accepts(v) != false)
                    .WithMessage(a => $"{a.Value} is not an answer option of '{a.QuestionId}'");
            });
        }
    }
}

/// <param name="Stored">Answers stored now.</param>
/// <param name="AlreadyAnswered">Questions already answered that day; their first answer stands.</param>
public sealed record SubmitAnswersResponse(DateOnly Date, IReadOnlyList<string> Stored, IReadOnlyList<string> AlreadyAnswered, bool Completed);
