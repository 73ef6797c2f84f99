using System.Collections.Concurrent;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// The people a load draws its taps from when a person's turn cannot be planned ahead (the overload
/// scenario, where some taps are refused and tapped again later). A person is taken only when the
/// question they look at is a new one: after a stored answer the next question has to arrive first,
/// as on a phone, so no tap lands on a question already answered.
/// </summary>
public sealed class PersonPool
{
    private readonly FakeTelegram _telegram;
    private readonly ConcurrentQueue<int> _ready = new();
    private readonly int[] _answered;
    private readonly int[] _lastTapped;

    public PersonPool(FakeTelegram telegram, int people)
    {
        _telegram = telegram;
        _answered = new int[people];
        _lastTapped = new int[people];
        Array.Fill(_lastTapped, -1);
        for (var person = 0; person < people; person++) _ready.Enqueue(person);
    }

    /// <summary>How many people still have questions to answer.</summary>
    public int Left => _ready.Count;

    /// <returns>False when nobody is ready: everyone has answered or is waiting for their next question.</returns>
    public bool TryTake(out int person, out ShownQuestion question)
    {
        for (var tries = _ready.Count; tries > 0 && _ready.TryDequeue(out person); tries--)
        {
            if (_telegram.QuestionIn(Seeder.TelegramId(person)) is { } shown && shown.MessageId != Volatile.Read(ref _lastTapped[person]))
            {
                question = shown;
                return true;
            }
            _ready.Enqueue(person);
        }
        (person, question) = (-1, null!);
        return false;
    }

    /// <summary>Puts the person back unless that was their last question; a refused tap is tried again later.</summary>
    public void Return(int person, ShownQuestion tapped, bool stored)
    {
        if (stored)
        {
            Volatile.Write(ref _lastTapped[person], tapped.MessageId);
            if (++_answered[person] >= BenchSettings.AnswersPerPerson) return;
        }
        _ready.Enqueue(person);
    }
}
