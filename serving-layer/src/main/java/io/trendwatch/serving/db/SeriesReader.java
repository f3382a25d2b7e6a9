package io.trendwatch.serving.db;

import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.core.Counts;
import io.trendwatch.serving.core.MergedPoint;
import io.trendwatch.serving.core.ViewMerger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads the rows a merge plan names and merges them: for a term, or for all posts. */
public final class SeriesReader {

    private final ViewsDao dao;

    public SeriesReader(ViewsDao dao) {
        this.dao = dao;
    }

    /** The boundary to merge at: the published one, or the epoch when no batch run has published yet (all speed). */
    public Instant boundary() {
        return dao.boundary().map(ViewsDao.BoundaryRow::boundary).orElse(Instant.EPOCH);
    }

    public List<MergedPoint> term(String term, Granularity step, Instant from, Instant to, Instant boundary) {
        ViewMerger.ReadPlan plan = ViewMerger.plan(step, from, to, boundary);
        Map<Instant, Counts> batch = dao.termCounts(ViewsDao.View.BATCH, term, step, plan.batchAtStep());
        Map<Instant, Counts> batchMinutes = dao.termCounts(ViewsDao.View.BATCH, term, Granularity.MINUTE, plan.batchMinutes());
        Map<Instant, Counts> speed = dao.termCounts(ViewsDao.View.SPEED, term, Granularity.MINUTE, plan.speedMinutes());
        return ViewMerger.merge(plan, batch, batchMinutes, speed);
    }

    public List<MergedPoint> totals(Granularity step, Instant from, Instant to, Instant boundary) {
        ViewMerger.ReadPlan plan = ViewMerger.plan(step, from, to, boundary);
        Map<Instant, Counts> batch = dao.totals(ViewsDao.View.BATCH, step, plan.batchAtStep());
        Map<Instant, Counts> batchMinutes = dao.totals(ViewsDao.View.BATCH, Granularity.MINUTE, plan.batchMinutes());
        Map<Instant, Counts> speed = dao.totals(ViewsDao.View.SPEED, Granularity.MINUTE, plan.speedMinutes());
        return ViewMerger.merge(plan, batch, batchMinutes, speed);
    }
}
