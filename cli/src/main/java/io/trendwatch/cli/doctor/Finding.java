package io.trendwatch.cli.doctor;

/**
 * One check's answer: it passed, it found a problem (with what to do about it), or it could not be made because
 * something it needs failed first (that failure is the problem to fix).
 */
public record Finding(String check, Verdict verdict, String detail, String fix) {

    public enum Verdict { OK, PROBLEM, SKIPPED }

    public static Finding ok(String check, String detail) {
        return new Finding(check, Verdict.OK, detail, null);
    }

    public static Finding problem(String check, String detail, String fix) {
        return new Finding(check, Verdict.PROBLEM, detail, fix);
    }

    public static Finding skipped(String check, String because) {
        return new Finding(check, Verdict.SKIPPED, because, null);
    }

    public boolean isProblem() {
        return verdict == Verdict.PROBLEM;
    }
}
