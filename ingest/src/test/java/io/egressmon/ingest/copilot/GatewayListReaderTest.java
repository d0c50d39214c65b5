package io.egressmon.ingest.copilot;

import static io.egressmon.ingest.copilot.AnswerJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.ingest.IngestStats;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading CoPilot's gateway list")
class GatewayListReaderTest {
    private final IngestStats stats = new IngestStats();

    @Test
    @DisplayName("gateways: the seven attributes, vpc_name derived, type lower-cased, unknown fields ignored")
    void gateways() {
        List<ControllerGateway> list = GatewayListReader.read(json("{'results': [{'gw_name': 'spoke-1', '$gw_type': 'Spoke',"
                + " 'account_name': 'acc', 'vpc_id': 'net~-~proj', 'vpc_name': 'spoke-1', 'vpc_region': 'us-west1',"
                + " 'vendor_name': 'Gcloud', 'transit_gw_name': 'tr', 'group_name': 'grp', 'tags': {'x': 1}, 'elb_state': null,"
                + " 'private_ip': '10.1.0.10', 'public_ip': '34.1.2.3'}]}"),
                stats);
        assertEquals(List.of(new ControllerGateway("spoke-1", "spoke", "acc", "net~-~proj", "net", "us-west1", "Gcloud", "tr", "grp",
                        List.of("10.1.0.10", "34.1.2.3"))),
                list);
        assertEquals(0, stats.unknownShapes.get());
    }

    @Test
    @DisplayName("gateways without a name are skipped and counted; a non-list answer is an error")
    void gatewaysOddities() {
        List<ControllerGateway> list = GatewayListReader.read(json("{'results': [{'$gw_type': 'spoke'}, 7, {'gw_name': 'ok'}]}"), stats);
        assertEquals(List.of("ok"), list.stream().map(ControllerGateway::gwName).toList());
        assertEquals(3, stats.unknownShapes.get(), "no name, not an object, no type");
        assertThrows(IllegalStateException.class, () -> GatewayListReader.read(json("{'error': 'x'}"), stats));
    }

    @Test
    @DisplayName("a bare list is read like {results: [...]}; gw_type stands in for a missing $gw_type; numbers are read as text")
    void gatewayShapes() {
        List<ControllerGateway> list = GatewayListReader.read(json("[{'gw_name': 42, 'gw_type': 'TRANSIT', 'vpc_region': 7,"
                + " 'account_name': {'id': 1}, 'private_ip': 'n/a'}]"), stats);
        assertEquals(List.of(new ControllerGateway("42", "transit", "", "", "", "7", "", "", "", List.of())), list);
        assertEquals(2, stats.unknownShapes.get(), "the account name that is an object, the private_ip that is no address");
    }
}
