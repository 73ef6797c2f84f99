namespace Mindguard.Bench.Webhook;

/// <summary>
/// Who taps at each step of the load. People come in cohorts of <c>rate</c> people; a new cohort starts
/// its check-in every five seconds and each cohort answers one question per five-second period, so once
/// five cohorts are under way (after the ramp, which the warm-up covers) every second holds the same mix
/// as a real morning: people at each of the five questions, one answer in five finishing a check-in.
/// (People all starting together would instead finish together: five seconds of nothing but last
/// answers, the most expensive kind, which no real team produces.) Within a period the active cohorts
/// take turns person by person, so a person taps once per period, at least a second apart.
/// </summary>
public static class TapOrder
{
    /// <returns>For each request, the index of the person who taps.</returns>
    public static int[] Build(int requests, int cohortSize, bool lockstep = false) =>
        lockstep ? Lockstep(requests) : Cohorts(requests, cohortSize);

    /// <summary>
    /// The stress order (<c>BENCH_TAP_ORDER=lockstep</c>): everyone answers question 1, then everyone
    /// question 2, and so on, so the last fifth of the run is nothing but last answers of the day.
    /// </summary>
    private static int[] Lockstep(int requests)
    {
        var people = (requests + BenchSettings.AnswersPerPerson - 1) / BenchSettings.AnswersPerPerson;
        return Enumerable.Range(0, requests).Select(i => i % people).ToArray();
    }

    private static int[] Cohorts(int requests, int cohortSize)
    {
        var order = new int[requests];
        var i = 0;
        for (var period = 0; i < requests; period++)
        {
            var first = Math.Max(0, period - (BenchSettings.AnswersPerPerson - 1));
            for (var member = 0; member < cohortSize && i < requests; member++)
            {
                for (var cohort = first; cohort <= period && i < requests; cohort++) order[i++] = cohort * cohortSize + member;
            }
        }
        return order;
    }

    /// <summary>How many people the order uses: every cohort that starts before the requests run out.</summary>
    public static int People(int requests, int cohortSize, bool lockstep = false) => Build(requests, cohortSize, lockstep).Max() + 1;

    /// <summary>Periods until five cohorts are under way, in requests: the warm-up should cover them.</summary>
    public static int RampRequests(int cohortSize) =>
        Enumerable.Range(1, BenchSettings.AnswersPerPerson - 1).Sum(active => active * cohortSize);
}
