package org.geomloss.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * How the pairs of a pairwise job are split into tasks. Clouds fall into blocks by the hash of their
 * id ({@link String#hashCode()}, the same on every JVM); a task receives two blocks (once each) and
 * computes every pair between them, so each cloud is loaded once per task.
 *
 * <ul>
 *   <li>{@link Self}: one table, B blocks, {@code B(B+1)/2} tasks (block pairs {@code i <= j}); each
 *       unordered pair of distinct clouds once, with the smaller id (by {@link String#compareTo})
 *       as x. The orientation depends only on the ids, not on the blocks.</li>
 *   <li>{@link Cross}: two tables of {@code BL} and {@code BR} blocks, {@code BL * BR} tasks;
 *       every (left, right) pair once, left as x.</li>
 * </ul>
 * A duplicate id within a table fails the task (pairs would be ambiguous). Immutable and
 * thread-safe.
 */
sealed interface BlockPairing extends Serializable {

    /** A cloud on its way to a task: which table it comes from (0 left or only, 1 right). */
    record Routed(int side, CloudRecord cloud) implements Serializable {
    }

    /** Two clouds whose loss a task computes, x first. */
    record Pair(ParsedCloud x, ParsedCloud y) {
    }

    /** The number of tasks. */
    int tasks();

    /** Sends {@code cloud} of table {@code side} to every task that needs it. */
    void route(int side, CloudRecord cloud, BiConsumer<Integer, Routed> send);

    /** The pairs of task {@code task}, from the clouds it received. */
    List<Pair> pairs(int task, Iterable<Routed> received);

    /** One table against itself. */
    record Self(int blocks) implements BlockPairing {

        @Override
        public int tasks() {
            return blocks * (blocks + 1) / 2;
        }

        @Override
        public void route(int side, CloudRecord cloud, BiConsumer<Integer, Routed> send) {
            int block = block(cloud.id(), blocks);
            Routed routed = new Routed(side, cloud);
            for (int other = 0; other < blocks; other++) {
                send.accept(task(Math.min(block, other), Math.max(block, other)), routed);
            }
        }

        @Override
        public List<Pair> pairs(int task, Iterable<Routed> received) {
            List<ParsedCloud> clouds = sortedUnique(received, 0, "clouds");
            List<Pair> pairs = new ArrayList<>();
            int high = (int) Math.floor((Math.sqrt(8.0 * task + 1) - 1) / 2);
            while (high * (high + 1) / 2 > task) {
                high--;
            }
            while ((high + 1) * (high + 2) / 2 <= task) {
                high++;
            }
            boolean diagonal = task - high * (high + 1) / 2 == high;
            for (int u = 0; u < clouds.size(); u++) {
                for (int v = u + 1; v < clouds.size(); v++) {
                    ParsedCloud x = clouds.get(u);
                    ParsedCloud y = clouds.get(v);
                    if (diagonal || block(x.id(), blocks) != block(y.id(), blocks)) {
                        pairs.add(new Pair(x, y));
                    }
                }
            }
            return pairs;
        }

        private static int task(int low, int high) {
            return high * (high + 1) / 2 + low;
        }
    }

    /** One table (left, side 0) against another (right, side 1). */
    record Cross(int leftBlocks, int rightBlocks) implements BlockPairing {

        @Override
        public int tasks() {
            return leftBlocks * rightBlocks;
        }

        @Override
        public void route(int side, CloudRecord cloud, BiConsumer<Integer, Routed> send) {
            Routed routed = new Routed(side, cloud);
            if (side == 0) {
                int block = block(cloud.id(), leftBlocks);
                for (int other = 0; other < rightBlocks; other++) {
                    send.accept(block * rightBlocks + other, routed);
                }
            } else {
                int block = block(cloud.id(), rightBlocks);
                for (int other = 0; other < leftBlocks; other++) {
                    send.accept(other * rightBlocks + block, routed);
                }
            }
        }

        @Override
        public List<Pair> pairs(int task, Iterable<Routed> received) {
            List<ParsedCloud> left = sortedUnique(received, 0, "left clouds");
            List<ParsedCloud> right = sortedUnique(received, 1, "right clouds");
            List<Pair> pairs = new ArrayList<>(left.size() * right.size());
            for (ParsedCloud x : left) {
                for (ParsedCloud y : right) {
                    pairs.add(new Pair(x, y));
                }
            }
            return pairs;
        }
    }

    /** The block of a cloud. */
    static int block(String id, int blocks) {
        return Math.floorMod(id.hashCode(), blocks);
    }

    /** The clouds of one side, parsed once each and sorted by id; a duplicate id throws. */
    private static List<ParsedCloud> sortedUnique(Iterable<Routed> received, int side,
                                                  String table) {
        List<ParsedCloud> clouds = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Routed routed : received) {
            if (routed.side() == side) {
                if (!ids.add(routed.cloud().id())) {
                    throw new IllegalArgumentException(table + ": id '" + routed.cloud().id()
                            + "' appears more than once; ids name the pairs and must be unique");
                }
                clouds.add(routed.cloud().parse());
            }
        }
        clouds.sort(Comparator.comparing(ParsedCloud::id));
        return clouds;
    }
}
