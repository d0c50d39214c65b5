package io.egressmon.api.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.ApiJson;
import io.egressmon.api.BadParameter;
import io.egressmon.api.GroupBy;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.QueryParameters;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cost contract: its JSON, exact dollars, group_by and the request's parameters. */
@DisplayName("Cost answer and request records")
class CostAnswerTest {

    @Test
    @DisplayName("a cost answer writes dollars as exact strings and reads back to the same record")
    void roundTrip() {
        CostAnswer answer = CostSamples.answer();
        String json = ApiJson.write(answer);
        assertEquals(answer, ApiJson.read(json, CostAnswer.class));
        assertTrue(json.contains("\"usd\":\"0.261\""), json);
        assertTrue(json.contains("\"usd_by_class\":{\"internet\":\"0.261\",\"inter_region\":null,\"inter_az\":null,\"nat\":null}"), json);
        assertTrue(json.contains("\"group_by\":\"cost_center\""), json);
        assertTrue(json.contains("\"resolution\":\"PT1H\",\"complete\":true"), json);
        assertTrue(json.contains("\"not_priced\":[{\"traffic_class\":\"inter_region\""), json);
    }

    @Test
    @DisplayName("a partial answer reads back to the same record")
    void partialRoundTrip() {
        CostPartial partial = CostSamples.partial();
        assertEquals(partial, ApiJson.read(ApiJson.write(partial), CostPartial.class));
    }

    @Test
    @DisplayName("amounts add up exactly and say the discount")
    void amounts() {
        CostAmounts a = CostAmounts.of(3, new BigDecimal("0.000000000111758708953857421875"), new BigDecimal("0.1"));
        CostAmounts sum = a.plus(CostAmounts.of(1, new BigDecimal("0.9"), new BigDecimal("1.0")));
        assertEquals(4, sum.egressBytes());
        assertEquals("0.900000000111758708953857421875", sum.usd());
        assertEquals("0.199999999888241291046142578125", sum.discountUsd());
        assertEquals("0", CostAmounts.ZERO.usd());
    }

    @Test
    @DisplayName("group_by takes bandwidth's keys and cost_center; another is a 400 naming group_by")
    void groupBy() {
        assertEquals(new CostGroupBy(GroupBy.VPC_ID), CostGroupBy.fromKey("vpc_id"));
        assertEquals(CostGroupBy.COST_CENTER, CostGroupBy.fromKey("Cost_Center"));
        BadParameter e = assertThrows(BadParameter.class, () -> CostGroupBy.fromKey("spoke"));
        assertEquals("group_by", e.parameter());
        assertTrue(e.getMessage().contains("cost_center"), e.getMessage());
    }

    @Test
    @DisplayName("a request reads the period as bandwidth does, with gateway, cost_center and group_by, and writes them back")
    void request() {
        QueryParameters params = QueryParameters.of(Map.of("days", Set.of("7"), "cost_center", Set.of("accounting"),
                "group_by", Set.of("account")), CostRequest.PARAMETERS);
        CostRequest r = CostRequest.parse(params);
        assertEquals(new PeriodRequest.LastDays(7), r.period());
        assertEquals("accounting", r.costCenter());
        assertEquals("days=7&cost_center=accounting&group_by=account", r.toQuery().toString());
        BadParameter blank = assertThrows(BadParameter.class,
                () -> CostRequest.parse(QueryParameters.of(Map.of("cost_center", Set.of(" ")), CostRequest.PARAMETERS)));
        assertEquals("cost_center", blank.parameter());
        BadParameter unknown = assertThrows(BadParameter.class,
                () -> QueryParameters.of(Map.of("costcenter", Set.of("x")), CostRequest.PARAMETERS));
        assertEquals("costcenter", unknown.parameter());
    }
}
