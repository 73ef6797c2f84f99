using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Features.Checkin.Sessions;
using Mindguard.Features.Status.Metrics;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// The same PostgreSQL statements, Redis commands and Bot API calls that one check-in answer costs the
/// app, in the same order: SQL straight through Npgsql on one pooled connection per answer, each
/// statement on its own (autocommit), no RLS context; Bot API calls as plain JSON over HttpClient; the
/// app's session store and rate limiter, which are thin layers over Redis, used as they are, so the
/// Redis work is identical by construction.
/// </summary>
public sealed class MinimalCheckin(NpgsqlDataSource db, IDatabase redis, HttpClient telegram, CheckinOptions options)
{
    private readonly CheckinSessions _sessions = new(redis, Options.Create(options));
    // The app's per-chat defaults and the global rate the app runs with, so both pay the same limiter.
    private readonly TelegramRateLimiter _limiter = new(redis, Options.Create(new TelegramOptions { GlobalRate = AppProcess.GlobalRate }), TimeProvider.System);

    public async Task AnswerAsync(Tap tap, CancellationToken ct)
    {
        var parts = tap.Data.Split(':');
        if (parts is not ["ci", "v1", var sessionId, var indexText, var valueText]
            || !int.TryParse(indexText, out var index) || !int.TryParse(valueText, out var value))
        {
            await AnswerCallbackAsync(tap, "Invalid button", ct);
            return;
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var member = await FindMemberAsync(connection, tap.From, ct);
        var session = await _sessions.FindAsync(sessionId);
        var question = session is not null && index < session.QuestionIds.Count ? QuestionBank.Instance.Find(session.QuestionIds[index]) : null;
        if (member is null || session is null || question is null || session.TelegramId != tap.From || !question.Accepts(value) || index != session.Position)
        {
            await AnswerCallbackAsync(tap, "Invalid button", ct);
            return;
        }

        await ExecuteAsync(connection, AppSql.InsertAnswer, ct, ("userId", member.Id), ("date", session.LocalDate), ("questionId", question.Id),
            ("value", value), ("metric", question.Metric), ("item", question.Item), ("score", question.Score(value)));
        await RecordEstimateAsync(connection, member.Id, session.LocalDate, ct);
        if (!await _sessions.AdvanceAsync(session, index))
        {
            await AnswerCallbackAsync(tap, "Already answered", ct);
            return;
        }

        await AnswerCallbackAsync(tap, null, ct);
        await SendAsync("editMessageText", tap.ChatId, new JsonObject
        {
            ["chat_id"] = tap.ChatId, ["message_id"] = tap.MessageId, ["text"] = CheckinMessages.AnsweredText(session, index, question, value),
        }, ct);

        var next = session with { Position = index + 1 };
        if (!next.AllAnswered)
        {
            var nextQuestion = QuestionBank.Instance[next.QuestionIds[next.Position]];
            await SendAsync("sendMessage", tap.ChatId, new JsonObject
            {
                ["chat_id"] = tap.ChatId, ["text"] = CheckinMessages.QuestionText(next, next.Position, nextQuestion),
                ["reply_markup"] = Markup(CheckinMessages.Keyboard(next, next.Position, nextQuestion)),
            }, ct);
            await _sessions.MarkSentAsync(next, next.Position);
            return;
        }
        await CompleteDayAsync(connection, member, next, tap.ChatId, ct);
    }

    /// <summary>What the app does in the request after the last answer of the day: complete it, record its consequences (alert
    /// evaluation and the early signal, carried out by the consequence worker outside the request), read the mood comparison,
    /// thank. (Integrators hear nothing per check-in: they get a closed period's published cells, from an hourly job.)</summary>
    private async Task CompleteDayAsync(NpgsqlConnection connection, Member member, CheckinSession session, long chatId, CancellationToken ct)
    {
        var date = session.LocalDate;
        await ExecuteAsync(connection, AppSql.CompleteDay, ct, ("userId", member.Id), ("date", date));
        await ExecuteAsync(connection, AppSql.RecordConsequences, ct, ("userId", (object?)member.Id),
            ("kinds", new[] { ConsequenceKinds.EvaluateAlerts, ConsequenceKinds.EarlySignal }), ("dedupeKey", ConsequenceKinds.DayKey(date)), ("localDate", date));

        double? today, week;
        await using (var mood = Command(connection, AppSql.Mood, ("userId", member.Id), ("date", date)))
        await using (var row = await mood.ExecuteReaderAsync(ct))
        {
            await row.ReadAsync(ct);
            today = row.IsDBNull(0) ? null : row.GetDouble(0);
            week = row.IsDBNull(1) ? null : row.GetDouble(1);
        }
        var culture = CultureInfo.GetCultureInfo(session.Language);
        var thanks = (today, week) switch
        {
            ({ } t, { } w) => Catalogue.Instance.Get(Msg.CheckinThanksAverage, session.Language, t.ToString("0.#", culture), w.ToString("0.#", culture)),
            ({ } t, null) => Catalogue.Instance.Get(Msg.CheckinThanksMood, session.Language, t.ToString("0.#", culture)),
            _ => Catalogue.Instance.Get(Msg.CheckinThanks, session.Language),
        };

        await redis.StringSetAsync($"conversation:{session.TelegramId}", CheckinFlow.NoteConversation, options.SessionLifetime);
        await SendAsync("sendMessage", chatId, new JsonObject
        {
            ["chat_id"] = chatId, ["text"] = thanks + "\n\n" + Catalogue.Instance.Get(Msg.CheckinNoteInvite, session.Language),
            ["reply_markup"] = Markup(CheckinMessages.SkipNoteButton(session)),
        }, ct);
        await _sessions.MarkSentAsync(session, session.Position);
    }

    private async Task RecordEstimateAsync(NpgsqlConnection connection, Guid userId, DateOnly date, CancellationToken ct)
    {
        var answers = new List<ScoredAnswer>();
        await using (var read = Command(connection, AppSql.ScoredAnswers, ("userId", userId), ("from", date.AddDays(-(MetricEngine.WindowDays - 1))), ("to", date)))
        await using (var row = await read.ExecuteReaderAsync(ct))
        {
            while (await row.ReadAsync(ct))
                answers.Add(new ScoredAnswer(row.GetFieldValue<DateOnly>(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetInt32(2), row.GetInt32(3)));
        }
        var report = MetricEngine.Report(answers, date).ToDictionary(e => e.Metric, e => e.Value);
        await ExecuteAsync(connection, AppSql.UpsertEstimate, ct, ("userId", userId), ("date", date),
            ("who5", report[Metric.Who5]), ("phq9", report[Metric.Phq9]), ("gad7", report[Metric.Gad7]), ("burnout", report[Metric.Burnout]),
            ("stress", report[Metric.Stress]), ("sleepHours", report[Metric.SleepHours]), ("sleepQuality", report[Metric.SleepQuality]),
            ("wlb", report[Metric.WorkLife]), ("mood", report[Metric.Mood]));
    }

    private static async Task<Member?> FindMemberAsync(NpgsqlConnection connection, long telegramId, CancellationToken ct)
    {
        await using var find = Command(connection, AppSql.FindMember, ("telegramId", telegramId));
        await using var row = await find.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct)) return null;
        return new Member(row.GetGuid(0), row.GetGuid(1), row.IsDBNull(2) ? null : row.GetGuid(2));
    }

    private Task AnswerCallbackAsync(Tap tap, string? text, CancellationToken ct) =>
        CallAsync("answerCallbackQuery", new JsonObject { ["callback_query_id"] = tap.CallbackId, ["text"] = text }, ct);

    /// <summary>A message to a chat waits for the shared rate budget first, as the app's replies do.</summary>
    private async Task SendAsync(string method, long chatId, JsonObject body, CancellationToken ct)
    {
        await using var slot = await _limiter.AcquireAsync(chatId, ct);
        await CallAsync(method, body, ct);
    }

    private async Task CallAsync(string method, JsonObject body, CancellationToken ct)
    {
        using var response = await telegram.PostAsJsonAsync(method, body, ct);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(ct);
    }

    private static JsonObject Markup(InlineKeyboardMarkup keyboard) => new()
    {
        ["inline_keyboard"] = new JsonArray([.. keyboard.InlineKeyboard.Select(row => (JsonNode)new JsonArray(
            [.. row.Select(button => (JsonNode)new JsonObject { ["text"] = button.Text, ["callback_data"] = button.CallbackData })]))]),
    };

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        // Reads are drained, as the app's are: the rows cross the wire either way.
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) { }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private sealed record Member(Guid Id, Guid OrganisationId, Guid? TeamId);
}
