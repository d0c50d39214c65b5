package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroupByTest {

    @Test
    @DisplayName("an unknown group-by key is refused naming group_by, with the list of valid keys")
    void unknownKey() {
        BadParameter e = assertThrows(BadParameter.class, () -> GroupBy.fromKey("planet"));
        assertEquals("group_by", e.parameter());
        assertEquals("unknown group-by key 'planet'; expected one of account, vpc, vpc_id, region, cloud, transit, group",
                e.getMessage());
    }

    @Test
    @DisplayName("a key is read whatever its case and the spaces around it")
    void lenientKey() {
        assertEquals(GroupBy.VPC_ID, GroupBy.fromKey(" VPC_id "));
    }
}
