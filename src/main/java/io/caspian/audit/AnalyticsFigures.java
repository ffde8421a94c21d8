package io.caspian.audit;

import io.caspian.functions.CarbonEfficiencyAggregate;
import io.caspian.functions.ForecastErrorAggregate;
import io.caspian.functions.SchedulingPerformanceAggregate;
import io.caspian.functions.SlaComplianceAggregate;
import java.util.ArrayList;
import java.util.List;

/** Every figure name an analytics record can carry: what alert rules may watch. */
public final class AnalyticsFigures {

    private AnalyticsFigures() {}

    public static List<String> all() {
        List<String> names = new ArrayList<>(SchedulingPerformanceAggregate.FIGURES);
        names.addAll(CarbonEfficiencyAggregate.FIGURES);
        names.addAll(SlaComplianceAggregate.FIGURES);
        names.addAll(PolicyFigures.SWITCH_FIGURES);
        names.addAll(ForecastErrorAggregate.FIGURES);
        return List.copyOf(names);
    }
}
